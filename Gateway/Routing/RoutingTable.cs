using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Messages;

namespace Natrium.Gateway.Routing;

/// The accounts this gateway serves. An account is attached to its shard grains the first
/// time a client of it connects (a connect-time await, never a per-message one). The account
/// object exists from the start of the attach, so pushes that race the attach are kept.
internal sealed class RoutingTable(GatewayRef self, IGrainFactory grains, ServiceReplyTable replies, ILogger logger, Action<AccountRouting>? created = null)
{
    private readonly ConcurrentDictionary<string, (AccountRouting Account, Lazy<Task> Attached)> _accounts = new(StringComparer.Ordinal);

    public async Task<AccountRouting> GetAsync(string name)
    {
        var entry = _accounts.GetOrAdd(name, Create);
        await entry.Attached.Value;
        return entry.Account;
    }

    /// The account at once, attaching it to its shard grains in the background if it is new.
    /// Local delivery works before the attach completes; interest changes made meanwhile are
    /// re-sent by the outboxes once the shards know this gateway.
    public AccountRouting Bind(string name)
    {
        var entry = _accounts.GetOrAdd(name, Create);
        _ = entry.Attached.Value;
        return entry.Account;
    }

    private (AccountRouting Account, Lazy<Task> Attached) Create(string name)
    {
        var account = new AccountRouting(name, self, grains, replies, logger);
        created?.Invoke(account);
        return (account, new Lazy<Task>(account.AttachAsync));
    }

    /// The account if this gateway serves it (for pushes from grains and other gateways).
    public AccountRouting? Find(string name) => _accounts.TryGetValue(name, out var entry) ? entry.Account : null;

    /// Every account this gateway serves.
    public IEnumerable<AccountRouting> All => _accounts.Values.Select(e => e.Account);

    public Task DetachAllAsync() => Task.WhenAll(_accounts.Values.Select(e => e.Account.DetachAsync()));
}
