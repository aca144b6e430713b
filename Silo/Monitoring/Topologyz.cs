using System.Text.Json;
using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// GET /routez, /gatewayz, /leafz: Natrium has no NATS routes, gateways or leaf nodes (its
/// nodes meet through the Orleans cluster), so each answers the shape nats-server 2.9.10 gives
/// without those features (spec/monitoring_cluster.md §6), after decoding its options.
internal static class Topologyz
{
    public static void WriteRoutez(GatewayNode[] gateways, MonitoringQuery query, Utf8JsonWriter w)
    {
        if (query.Text("subs") != "detail")
        {
            _ = query.Bool("subs");
        }

        Envelope(w, gateways, () =>
        {
            w.WriteNumber("num_routes", 0);
            w.WriteStartArray("routes");
            w.WriteEndArray();
        });
    }

    public static void WriteGatewayz(GatewayNode[] gateways, MonitoringQuery query, Utf8JsonWriter w)
    {
        _ = query.Bool("accs");
        Envelope(w, gateways, () =>
        {
            w.WriteStartObject("outbound_gateways");
            w.WriteEndObject();
            w.WriteStartObject("inbound_gateways");
            w.WriteEndObject();
        });
    }

    public static void WriteLeafz(GatewayNode[] gateways, MonitoringQuery query, Utf8JsonWriter w)
    {
        _ = query.Bool("subs");
        Envelope(w, gateways, () =>
        {
            w.WriteNumber("leafnodes", 0);
            // null, not [], as nats-server.
            w.WriteNull("leafs");
        });
    }

    private static void Envelope(Utf8JsonWriter w, GatewayNode[] gateways, Action body)
    {
        w.WriteStartObject();
        w.WriteString("server_id", gateways[0].ServerId);
        w.WriteTime("now", DateTimeOffset.UtcNow);
        body();
        w.WriteEndObject();
    }
}
