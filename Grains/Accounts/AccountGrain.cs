using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;

namespace Natrium.Grains.Accounts;

/// The authority for one account. This part: its connections counted per gateway, so the
/// limit holds cluster-wide and a gateway that goes away can return all of its connections at
/// once. In memory: connections are live state that gateways re-register after a failover.
/// Kept alive while it runs: the gateways subscribed to it must hear of every change.
[KeepAlive]
internal sealed partial class AccountGrain(ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private readonly Dictionary<string, HashSet<ulong>> _byGateway = new(StringComparer.Ordinal);
    private int _count;

    public Task<bool> TryConnect(string gatewayId, ulong clientId, int? maxConnections)
    {
        if (maxConnections is int max && _count >= max)
        {
            return Task.FromResult(false);
        }

        if (!_byGateway.TryGetValue(gatewayId, out var clients))
        {
            clients = [];
            _byGateway[gatewayId] = clients;
        }

        if (clients.Add(clientId))
        {
            _count++;
        }

        return Task.FromResult(true);
    }

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
        return Task.CompletedTask;
    }
}
