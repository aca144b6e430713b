using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;

namespace Natrium.Grains.Cluster;

/// Who is alive to take clients: gateways check in, entries expire. Nothing persists: if this
/// grain's node stops or dies it starts again empty elsewhere and is whole after one check-in
/// round; until then it answers "no news" rather than a partial list. Only a gateway's own id
/// is written by its check-in.
// One grain in the cluster: moving it balances nothing, and a move would empty it until the
// next round of check-ins, sending clients a shorter connect_urls meanwhile.
[Orleans.Placement.Immovable]
internal sealed class ClientUrlDirectoryGrain(TimeProvider time) : Grain, IClientUrlDirectoryGrain
{
    private readonly Dictionary<string, (ClientUrls Urls, DateTimeOffset Seen)> _gateways = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _activated = time.GetUtcNow();

    public Task<ClusterClientUrls?> CheckIn(string gatewayId, ClientUrls urls)
    {
        var now = time.GetUtcNow();
        _gateways[gatewayId] = (urls, now);
        foreach (var (id, entry) in _gateways.Where(pair => now - pair.Value.Seen > ClientUrlDirectory.Expiry).ToList())
        {
            _gateways.Remove(id);
        }

        if (now - _activated < ClientUrlDirectory.WarmUp)
        {
            return Task.FromResult<ClusterClientUrls?>(null);
        }

        var others = _gateways.Where(pair => pair.Key != gatewayId).Select(pair => pair.Value.Urls).ToList();
        return Task.FromResult<ClusterClientUrls?>(new ClusterClientUrls(Listed(others.Select(u => u.Nats)), Listed(others.Select(u => u.Websocket))));
    }

    private static string[] Listed(IEnumerable<string?> urls) =>
        [.. urls.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public Task Leave(string gatewayId)
    {
        _gateways.Remove(gatewayId);
        return Task.CompletedTask;
    }
}
