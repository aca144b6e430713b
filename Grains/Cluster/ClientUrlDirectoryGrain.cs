using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;

namespace Natrium.Grains.Cluster;

/// Who is alive to take clients (and, for monitoring, who is alive at all): gateways check in,
/// entries expire. Nothing persists: if this
/// grain's node stops or dies it starts again empty elsewhere and is whole after one check-in
/// round; until then it answers "no news" rather than a partial list. Only a gateway's own id
/// is written by its check-in.
// One grain in the cluster: moving it balances nothing, and a move would empty it until the
// next round of check-ins, sending clients a shorter connect_urls meanwhile.
[Orleans.Placement.Immovable]
internal sealed class ClientUrlDirectoryGrain(TimeProvider time) : Grain, IClientUrlDirectoryGrain
{
    private readonly Dictionary<string, (ClusterNode Node, ClientUrls Urls, DateTimeOffset Seen)> _gateways = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _activated = time.GetUtcNow();

    public Task<ClusterClientUrls?> CheckIn(ClusterNode gateway, ClientUrls urls)
    {
        var now = time.GetUtcNow();
        var gatewayId = gateway.ServerId;
        _gateways[gatewayId] = (gateway, urls, now);
        foreach (var (id, entry) in _gateways.Where(pair => now - pair.Value.Seen > ClientUrlDirectory.Expiry).ToList())
        {
            _gateways.Remove(id);
        }

        if (now - _activated < ClientUrlDirectory.WarmUp)
        {
            return Task.FromResult<ClusterClientUrls?>(null);
        }

        var others = _gateways.Where(pair => pair.Key != gatewayId).Select(pair => pair.Value).ToList();
        return Task.FromResult<ClusterClientUrls?>(new ClusterClientUrls(
            Listed(others.Select(o => o.Urls.Nats)),
            Listed(others.Select(o => o.Urls.Websocket)),
            [.. others.Select(o => o.Node).OrderBy(n => n.ServerName, StringComparer.Ordinal).ThenBy(n => n.ServerId, StringComparer.Ordinal)]));
    }

    private static string[] Listed(IEnumerable<string?> urls) =>
        [.. urls.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public Task Leave(string gatewayId)
    {
        _gateways.Remove(gatewayId);
        return Task.CompletedTask;
    }
}
