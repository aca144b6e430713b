using Microsoft.Extensions.Logging;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;
using Natrium.Grains.Accounts.Placement;
using Orleans.Placement;

namespace Natrium.Grains.Accounts;

/// The authority for one account. This part: its connections counted per gateway, so the
/// limit holds cluster-wide and a gateway that goes away can return all of its connections at
/// once; those of a node declared dead are released too, at the latest when the limit is
/// reached (its clients reconnecting elsewhere must not be refused for their own ghosts). In
/// memory: connections are live state that gateways restate after a node loss, and that a
/// migration hands to the next activation (AccountGrain.Migration).
/// Kept alive while it runs: the gateways subscribed to it must hear of every change.
// Placed at its home node (AccountHomePlacement) and moved there when the nodes change
// (AccountRehoming): every gateway serving the account calls it, so nearness to the first caller
// buys nothing lasting, while random placement left nearly every account on whichever node wired
// the accounts first after a cold start, and the rebalancer, evening out activation counts,
// mostly moved shards instead. So the rebalancer leaves accounts alone.
[AccountHomePlacement]
[Immovable(ImmovableKind.Rebalancer)]
[KeepAlive]
internal sealed partial class AccountGrain(
    [PersistentState("jwt", Storage.ResolverStorage.Name)] IPersistentState<AccountJwtState> stored,
    OperatorMode operatorMode,
    IClusterMembershipService membership,
    LocalAccounts localAccounts,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private readonly Dictionary<string, Dictionary<ulong, long>> _byGateway = new(StringComparer.Ordinal);
    private int _count;
    private long _admissions;

    public Task<bool> TryConnect(string gatewayId, ulong clientId, int? maxConnections)
    {
        if (maxConnections is int max && _count >= max)
        {
            ReleaseDeadGateways();
            if (_count >= max)
            {
                return Task.FromResult(false);
            }
        }

        if (!_byGateway.TryGetValue(gatewayId, out var clients))
        {
            clients = [];
            _byGateway[gatewayId] = clients;
        }

        if (clients.TryAdd(clientId, ++_admissions))
        {
            _count++;
        }

        return Task.FromResult(true);
    }

    public Task Register(string gatewayId, ulong clientId) => TryConnect(gatewayId, clientId, null);

    public Task Disconnect(string gatewayId, ulong clientId)
    {
        if (_byGateway.TryGetValue(gatewayId, out var clients) && clients.Remove(clientId))
        {
            _count--;
        }

        return Task.CompletedTask;
    }

    public Task ReleaseGateway(string gatewayId)
    {
        if (_byGateway.Remove(gatewayId, out var clients))
        {
            _count -= clients.Count;
        }

        _subscribers.Remove(gatewayId);
        _interestGateways.Remove(gatewayId);
        return Task.CompletedTask;
    }

    public Task ForgetSilo(string silo)
    {
        foreach (var gateway in KnownGateways().Where(g => g.Silo == silo).ToArray())
        {
            ReleaseGateway(gateway.Id);
        }

        return Task.CompletedTask;
    }

    public Task<StreamImportGrants> Reconcile(GatewayRef gateway, ulong[] admitted)
    {
        var known = _byGateway.GetValueOrDefault(gateway.Id) ?? [];
        var clients = new Dictionary<ulong, long>(admitted.Length);
        foreach (var client in admitted)
        {
            clients[client] = known.TryGetValue(client, out var order) ? order : ++_admissions;
        }

        _count += clients.Count - known.Count;
        _byGateway[gateway.Id] = clients;
        return Subscribe(gateway);
    }

    // Only a silo the membership declared dead: one not yet known here may be joining. Its
    // gateways leave the connection count and the account's interest alike.
    private void ReleaseDeadGateways()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var gateway in KnownGateways().Where(g => IsOnDeadSilo(snapshot, g)).ToArray())
        {
            ReleaseGateway(gateway.Id);
        }
    }

    private static bool IsOnDeadSilo(ClusterMembershipSnapshot snapshot, GatewayRef gateway) =>
        gateway.Silo.Length > 0 && snapshot.GetSiloStatus(SiloAddress.FromParsableString(gateway.Silo)) == SiloStatus.Dead;

    /// After a lower connection limit: the oldest admissions beyond it are released, per
    /// gateway, for the gateways to close (nats-server keeps the newest connections too).
    private Dictionary<string, ulong[]> EvictOverLimit(int? maxConnections)
    {
        if (maxConnections is not int max || _count <= max)
        {
            return [];
        }

        var victims = _byGateway
            .SelectMany(g => g.Value.Select(c => (Gateway: g.Key, Client: c.Key, Order: c.Value)))
            .OrderBy(c => c.Order)
            .Take(_count - max)
            .ToList();
        foreach (var (gateway, client, _) in victims)
        {
            _byGateway[gateway].Remove(client);
            _count--;
        }

        return victims.GroupBy(v => v.Gateway).ToDictionary(g => g.Key, g => g.Select(v => v.Client).ToArray(), StringComparer.Ordinal);
    }
}
