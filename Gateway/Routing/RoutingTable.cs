using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Messages;

namespace Natrium.Gateway.Routing;

/// The accounts this gateway serves. An account object is made the first time anything names
/// it (the config, a login, an import), but it joins its shard grains only once it is used
/// here (AccountRouting.Attach.cs): a client's login waits for that (a connect-time await,
/// never a per-message one).
/// stopping: the gateway stops (ends attaches that still retry).
internal sealed class RoutingTable(GatewayRef self, IGrainFactory grains, ServiceReplyTable replies, ILogger logger, CancellationToken stopping, Action<AccountRouting>? created = null)
{
    private readonly ConcurrentDictionary<string, Lazy<AccountRouting>> _accounts = new(StringComparer.Ordinal);

    /// The account, attached with every account its publishes reach.
    public async Task<AccountRouting> GetAsync(string name)
    {
        var account = Bind(name);
        await account.EnsureAttachedAsync();
        return account;
    }

    /// The account at once, not attached by this call.
    public AccountRouting Bind(string name) => _accounts.GetOrAdd(name, Create).Value;

    private Lazy<AccountRouting> Create(string name) => new(() =>
    {
        var account = new AccountRouting(name, self, grains, replies, logger, stopping);
        created?.Invoke(account);
        return account;
    });

    /// The account if this gateway knows it (for pushes from grains and other gateways).
    public AccountRouting? Find(string name) => _accounts.TryGetValue(name, out var entry) ? entry.Value : null;

    /// Every account this gateway knows, attached or not.
    public IEnumerable<AccountRouting> All => _accounts.Values.Select(e => e.Value);

    public Task DetachAllAsync() => Task.WhenAll(All.Select(a => a.DetachAsync()));
}
