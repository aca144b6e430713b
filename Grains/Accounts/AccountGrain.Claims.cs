using System.Net.Http;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Messages;
using Natrium.Contracts.Security;

namespace Natrium.Grains.Accounts;

/// Operator mode (spec/jwt.md §8): this grain is the account's resolver entry for the whole
/// cluster. It loads the JWT once (stored, preloaded or fetched from the URL resolver),
/// verifies every pushed JWT against the trusted operators, the account key and the age of
/// the one in use before anything is stored, and applies an accepted one to every subscribed
/// gateway before it answers.
internal sealed partial class AccountGrain
{
    private static readonly HttpClient UrlResolver = new();

    private JwtAccount? _jwtAccount;
    private bool _jwtLoaded;

    public async Task<string?> GetJwt()
    {
        await LoadJwtAsync();
        return _jwtAccount?.Jwt;
    }

    public async Task<ClaimsUpdateResult> UpdateJwt(string jwt)
    {
        var key = this.GetPrimaryKeyString();
        if (operatorMode.Trust is not { } trust)
        {
            return ClaimsUpdateResult.Failure(key, "jwt update resulted in error", "operator mode is not configured");
        }

        await LoadJwtAsync();
        var cache = trust.Resolver.Kind == ResolverKind.Cache;
        var error = cache ? "jwt update cache resulted in error" : "jwt update resulted in error";
        var verified = JwtAccountCompiler.Verify(jwt, trust, DateTimeOffset.UtcNow);
        if (!verified.IsValid)
        {
            return Refused(trust, key, jwt, verified, error, cache);
        }

        var account = verified.Account;
        if (account.PublicKey != key)
        {
            return ClaimsUpdateResult.Failure(key, error, "subject does not match jwt content");
        }

        var updated = cache ? "jwt updated cache" : "jwt updated";
        if (_jwtAccount is { } current)
        {
            if (current.Jwt == jwt)
            {
                return ClaimsUpdateResult.Success(key, updated);
            }

            // Natrium refuses a replay of an older JWT (nats-server's full resolver stores it).
            if (account.IssuedAt < current.IssuedAt)
            {
                return ClaimsUpdateResult.Failure(key, error, "jwt is older than the one in use");
            }
        }
        else if (trust.Resolver.Kind is ResolverKind.Memory or ResolverKind.Url)
        {
            // nats-server applies pushes only to accounts it has loaded; memory keeps no others.
            return ClaimsUpdateResult.Success(key, "jwt update skipped");
        }

        if (trust.Resolver.Kind is ResolverKind.Full or ResolverKind.Cache)
        {
            stored.State.Jwt = jwt;
            await stored.WriteStateAsync();
        }

        await ApplyJwtAsync(account);
        return ClaimsUpdateResult.Success(key, updated);
    }

    public async Task<ClaimsUpdateResult> DeleteJwt()
    {
        var key = this.GetPrimaryKeyString();
        await LoadJwtAsync();
        if (stored.RecordExists)
        {
            await stored.ClearStateAsync();
        }

        await ApplyJwtAsync(null);
        return ClaimsUpdateResult.Success(key, "jwt deleted");
    }

    /// The account's exports: from its JWT in operator mode, as configured otherwise.
    private IReadOnlyList<AccountExport> Exports => _jwtAccount?.Config.Exports ?? _configExports;

    /// Replaces the account in use, re-decides the stream imports it grants, and tells every
    /// subscribed gateway, each with the clients it must close if the connection limit fell.
    private async Task ApplyJwtAsync(JwtAccount? account)
    {
        _jwtAccount = account;
        var key = this.GetPrimaryKeyString();
        var evicted = EvictOverLimit(account?.Limits.MaxConnections);
        await RegrantAsync();
        await PushAsync(g => g.Observer.OnAccountClaims(key, account?.Jwt, evicted.GetValueOrDefault(g.Id, [])));
    }

    private async Task LoadJwtAsync()
    {
        if (_jwtLoaded || operatorMode.Trust is not { } trust)
        {
            return;
        }

        _jwtLoaded = true;
        var key = this.GetPrimaryKeyString();
        var jwt = stored.State.Jwt
            ?? trust.Resolver.Preload.GetValueOrDefault(key)
            ?? (trust.Resolver.Kind == ResolverKind.Url ? await FetchAsync(trust.Resolver, key) : null);
        if (jwt is null)
        {
            return;
        }

        var verified = JwtAccountCompiler.Verify(jwt, trust, DateTimeOffset.UtcNow);
        if (!verified.IsValid || verified.Account.PublicKey != key)
        {
            LogUnusable(logger, key, verified.Failure ?? "subject does not match the account key");
            return;
        }

        _jwtAccount = verified.Account;
        if (!stored.RecordExists && trust.Resolver.Kind is ResolverKind.Full or ResolverKind.Cache)
        {
            // A preloaded JWT joins the directory, as nats-server stores its preloads there.
            stored.State.Jwt = jwt;
            await stored.WriteStateAsync();
        }

        await RegrantAsync();
    }

    /// nats-server's URL resolver: GET <url><account key>, 200 and the JWT as the body.
    private async Task<string?> FetchAsync(AccountResolverOptions resolver, string key)
    {
        try
        {
            using var timeout = new CancellationTokenSource(resolver.Timeout);
            using var response = await UrlResolver.GetAsync(resolver.Url + key, timeout.Token);
            return response.IsSuccessStatusCode ? (await response.Content.ReadAsStringAsync(timeout.Token)).Trim() : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            LogFetchFailed(logger, key, e.Message);
            return null;
        }
    }

    private static ClaimsUpdateResult Refused(TrustedOperators trust, string key, string jwt, JwtAccountResult verified, string error, bool cache) => verified.Status switch
    {
        JwtAccountStatus.Expired or JwtAccountStatus.NotYetValid or JwtAccountStatus.Invalid =>
            ClaimsUpdateResult.Failure(key, cache ? "jwt update cache validation failed" : "jwt validation failed", verified.Failure ?? "invalid"),
        JwtAccountStatus.Untrusted when Natrium.Contracts.Jwt.JwtDecoder.Decode<Natrium.Contracts.Jwt.AccountClaims>(jwt) is { IsValid: true } decoded
            && JwtAccountCompiler.IsStrictSigner(trust, decoded.Claims.Issuer) =>
            ClaimsUpdateResult.Failure(key, error, "operator requires issuer to be a signing key"),
        JwtAccountStatus.Untrusted or JwtAccountStatus.SelfSigned or JwtAccountStatus.NotAnAccountKey =>
            ClaimsUpdateResult.Failure(key, error, "account validation failed"),
        _ => ClaimsUpdateResult.Failure(key, error, verified.Failure ?? "invalid"),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account}: its JWT cannot be used: {Reason}")]
    private static partial void LogUnusable(ILogger logger, string account, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account}: the URL resolver failed: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string account, string reason);
}
