using Natrium.Gateway.Hosting;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// nats-server's `cluster { }` block: what clients see of the cluster (`name`, `no_advertise`)
/// applies; the route settings do not, since Orleans joins the nodes (the `orleans` block), so
/// they are notices that keep a nats-server file valid.
internal static class ClusterBlockMapper
{
    private static readonly HashSet<string> RouteSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "listen", "host", "net", "port", "routes", "authorization", "tls", "advertise", "cluster_advertise",
        "connect_retries", "pool_size", "compression", "pinned_accounts",
    };

    public static GatewayOptions Apply(GatewayOptions gateway, ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map, got {entry.Value.Kind}");
            return gateway;
        }

        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "name":
                    gateway = gateway with { ClusterName = ConfReading.String(e, diagnostics) };
                    break;
                case "no_advertise":
                    gateway = gateway with { NoAdvertise = ConfReading.Bool(e, diagnostics) ?? false };
                    break;
                case var key when RouteSettings.Contains(key):
                    diagnostics.Notice(e.KeyPosition, $"cluster: field \"{e.Key}\" is ignored: Natrium nodes join through the orleans block");
                    break;
                default:
                    if (!e.UsedAsVariable)
                    {
                        diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                    }

                    break;
            }
        }

        return gateway;
    }
}
