using System.Text.Json;
using Natrium.Contracts.Messages;
using Natrium.Contracts.Text;
using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// GET /routez, /gatewayz, /leafz: Natrium has no NATS routes, gateways or leaf nodes (its
/// nodes meet through the Orleans cluster). /routez lists the other live nodes as routes
/// (RouteNodes); /gatewayz and /leafz answer the shape nats-server 2.9.10 gives without those
/// features (spec/monitoring_cluster.md §6), after decoding their options.
internal static class Topologyz
{
    /// Each other node as a route, with what Natrium knows of it: its id and name, its silo's
    /// address and port (where the nodes reach it), since when it runs. There is no route
    /// connection, so the link's own figures (rid, rtt, traffic, pending, subscriptions) are 0,
    /// last_activity is Go's zero time and idle 0s; did_solicit and is_configured are false
    /// (nodes find each other through the membership table, not configured route URLs).
    /// subs= is decoded and adds nothing: interest is not held per route.
    public static void WriteRoutez(GatewayNode[] gateways, MonitoringQuery query, Utf8JsonWriter w)
    {
        if (query.Text("subs") != "detail")
        {
            _ = query.Bool("subs");
        }

        var now = DateTimeOffset.UtcNow;
        var routes = RouteNodes(gateways);
        Envelope(w, gateways, () =>
        {
            w.WriteNumber("num_routes", routes.Count);
            w.WriteStartArray("routes");
            foreach (var node in routes)
            {
                WriteRoute(w, node, now);
            }

            w.WriteEndArray();
        });
    }

    /// The live nodes other than these gateways (the process over HTTP, one gateway over
    /// `$SYS`): /routez's routes and /varz's routes and remotes.
    public static IReadOnlyList<ClusterNode> RouteNodes(GatewayNode[] gateways)
    {
        var own = gateways.Select(g => g.ServerId).ToHashSet(StringComparer.Ordinal);
        return [.. gateways[0].ClusterNodes.Where(n => !own.Contains(n.ServerId))];
    }

    private static void WriteRoute(Utf8JsonWriter w, ClusterNode node, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteNumber("rid", 0);
        w.WriteString("remote_id", node.ServerId);
        // nats-server 2.10's name for the remote's server_name.
        w.WriteString("remote_name", node.ServerName);
        w.WriteBoolean("did_solicit", false);
        w.WriteBoolean("is_configured", false);
        w.WriteString("ip", node.SiloHost);
        w.WriteNumber("port", node.SiloPort);
        w.WriteTime("start", node.Started);
        w.WriteString("last_activity", "0001-01-01T00:00:00Z");
        w.WriteString("rtt", "0s");
        w.WriteString("uptime", GoDuration.Uptime(now - node.Started));
        w.WriteString("idle", "0s");
        w.WriteNumber("pending_size", 0);
        w.WriteNumber("in_msgs", 0);
        w.WriteNumber("out_msgs", 0);
        w.WriteNumber("in_bytes", 0);
        w.WriteNumber("out_bytes", 0);
        w.WriteNumber("subscriptions", 0);
        w.WriteEndObject();
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
