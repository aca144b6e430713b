using Natrium.Contracts.Interfaces;

namespace Natrium.Grains.Cluster;

/// Who is alive to take clients: gateways check in, entries expire. Nothing persists: if this
/// grain's node dies it starts again empty elsewhere and is whole after one check-in round.
/// Only a gateway's own id is written by its check-in.
// One grain in the cluster: moving it balances nothing, and a move would empty it until the
// next round of check-ins, sending clients a shorter connect_urls meanwhile.
[Orleans.Placement.Immovable]
internal sealed class ClientUrlDirectoryGrain(TimeProvider time) : Grain, IClientUrlDirectoryGrain
{
    private readonly Dictionary<string, (string? Url, DateTimeOffset Seen)> _gateways = new(StringComparer.Ordinal);

    public Task<string[]> CheckIn(string gatewayId, string? url)
    {
        var now = time.GetUtcNow();
        _gateways[gatewayId] = (url, now);
        foreach (var (id, entry) in _gateways.Where(pair => now - pair.Value.Seen > ClientUrlDirectory.Expiry).ToList())
        {
            _gateways.Remove(id);
        }

        return Task.FromResult(_gateways
            .Where(pair => pair.Key != gatewayId && pair.Value.Url is not null)
            .Select(pair => pair.Value.Url!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray());
    }

    public Task Leave(string gatewayId)
    {
        _gateways.Remove(gatewayId);
        return Task.CompletedTask;
    }
}
