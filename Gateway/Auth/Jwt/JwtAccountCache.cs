using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Interfaces;
using Natrium.Gateway.Hosting;

namespace Natrium.Gateway.Auth.Jwt;

/// Operator mode: the account JWTs this gateway uses, verified and compiled, fetched from each
/// account's grain on first use (a login's await, never a message's) and replaced when the
/// grain pushes a change. Loading an account also wires it (exports, imports, mappings) and
/// loads the accounts it imports from, so their changes reach this gateway too.
internal sealed partial class JwtAccountCache(GatewayNode node)
{
    private readonly ConcurrentDictionary<string, JwtAccount> _current = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<JwtAccount?>>> _loading = new(StringComparer.Ordinal);

    /// The account if this gateway has it (no grain call).
    public JwtAccount? Find(string key) => _current.GetValueOrDefault(key);

    /// The account, fetched from its grain the first time; null when unknown or unusable.
    public async Task<JwtAccount?> GetAsync(string key)
    {
        if (_current.TryGetValue(key, out var account))
        {
            return account;
        }

        var loading = _loading.GetOrAdd(key, k => new Lazy<Task<JwtAccount?>>(() => LoadAsync(k)));
        var loaded = await loading.Value;
        if (loaded is null)
        {
            // Not found or not usable now: a later login asks again.
            _loading.TryRemove(new KeyValuePair<string, Lazy<Task<JwtAccount?>>>(key, loading));
        }

        return loaded;
    }

    /// The account's grain pushed a new JWT (null: deleted). The account in use here is replaced
    /// and its connections re-checked before this returns (the grain awaits it, which is what
    /// makes a revocation take effect at once); the rewiring of exports and imports, which
    /// calls back into that grain, runs afterwards.
    public void Apply(string key, string? jwt, ulong[] evicted)
    {
        JwtAccount? account = null;
        if (jwt is not null && node.Options.Operators is { } trust)
        {
            var verified = JwtAccountCompiler.Verify(jwt, trust, DateTimeOffset.UtcNow);
            if (verified.IsValid && verified.Account.PublicKey == key)
            {
                account = verified.Account;
            }
            else
            {
                LogUnusable(node.Logger, key, verified.Failure ?? "subject does not match the account key");
            }
        }

        if (account is null)
        {
            _current.TryRemove(key, out _);
            _loading.TryRemove(key, out _);
        }
        else
        {
            _current[key] = account;
        }

        node.ApplyAccountToClients(key, account, evicted);
        node.UpdateJetStreamLimits(key, account);
        if (account is not null)
        {
            _ = Task.Run(() => WireAsync(account));
        }
    }

    private async Task<JwtAccount?> LoadAsync(string key)
    {
        if (node.Options.Operators is not { } trust)
        {
            return null;
        }

        var jwt = await node.Grains.GetGrain<IAccountGrain>(key).GetJwt();
        if (jwt is null)
        {
            return null;
        }

        var verified = JwtAccountCompiler.Verify(jwt, trust, DateTimeOffset.UtcNow);
        if (!verified.IsValid || verified.Account.PublicKey != key)
        {
            LogUnusable(node.Logger, key, verified.Failure ?? "subject does not match the account key");
            return null;
        }

        var account = _current.GetOrAdd(key, verified.Account);
        await WireAsync(account);
        return account;
    }

    /// Exports, imports and mappings of the account on this gateway, then the accounts it
    /// imports from (their export changes must reach the importer's routes here).
    private async Task WireAsync(JwtAccount account)
    {
        try
        {
            node.BindAccount(account.PublicKey).Mappings = account.Config.Mappings.Count == 0 ? null : new Routing.AccountMappings(account.Config.Mappings);
            await node.Wiring!.ServeAsync(account.Config);
            foreach (var exporter in account.Config.Imports.Select(i => i.Account).Distinct(StringComparer.Ordinal))
            {
                if (exporter != account.PublicKey && !_current.ContainsKey(exporter))
                {
                    await GetAsync(exporter);
                }
            }

            await node.Wiring.ReauthorizeImportsFromAsync(account.PublicKey);
        }
        catch (Exception e)
        {
            LogWiringFailed(node.Logger, account.PublicKey, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account}: its JWT cannot be used: {Reason}")]
    private static partial void LogUnusable(ILogger logger, string account, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {Account}: wiring its exports and imports failed: {Reason}")]
    private static partial void LogWiringFailed(ILogger logger, string account, string reason);
}
