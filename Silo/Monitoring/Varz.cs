using Natrium.Contracts.Text;
using System.Text.Json;
using Natrium.Gateway.Monitoring;
using Natrium.Gateway.Protocol;

namespace Natrium.Silo.Monitoring;

/// GET /varz: every field of nats-server 2.9.10's Varz, in its order and with its types
/// (spec/monitoring_cluster.md §3): durations as integer nanoseconds, timeouts as float
/// seconds, times as RFC 3339. The listener blocks (cluster, gateway, leaf, mqtt, websocket,
/// jetstream) are in VarzSections. Several gateways in one process answer as the first, with
/// connection and traffic figures summed.
internal static class Varz
{
    public static async Task WriteAsync(MonitoredServer server, MonitoringQuery query, Utf8JsonWriter w)
    {
        var jetStream = await JetStreamUsage.ReadAsync(server.First);
        Write(server, jetStream, w);
    }

    private static void Write(MonitoredServer server, JetStreamUsage? jetStream, Utf8JsonWriter w)
    {
        var gateway = server.First;
        var o = gateway.Options;
        var info = gateway.Info;
        var now = DateTimeOffset.UtcNow;
        var traffic = server.Gateways.Aggregate(default(Traffic), (sum, g) => sum + g.Traffic());
        var (host, port) = Advertised(o.ClientAdvertise, o.Host, gateway.BoundEndPoint?.Port ?? o.Port);
        w.WriteStartObject();
        w.WriteString("server_id", gateway.ServerId);
        w.WriteString("server_name", o.ServerName ?? gateway.ServerId);
        w.WriteString("version", ServerInfo.CompatibleVersion);
        w.WriteNumber("proto", 1);
        w.WriteString("go", "dotnet" + Environment.Version);
        w.WriteString("host", host);
        w.WriteNumber("port", port);
        WriteIfTrue(w, "auth_required", info.AuthRequired);
        WriteIfTrue(w, "tls_required", info.TlsRequired);
        WriteIfTrue(w, "tls_verify", info.TlsVerify);
        if (info.ConnectUrls is { Length: > 0 } urls)
        {
            WriteStrings(w, "connect_urls", urls);
        }

        // The cluster's websocket URLs, own first (as 2.9.10; its websocket block lists none).
        if (info.WebsocketConnectUrls is { Length: > 0 } websocketUrls)
        {
            WriteStrings(w, "ws_connect_urls", websocketUrls);
        }

        w.WriteNumber("max_connections", o.MaxConnections);
        if (o.MaxSubscriptions > 0)
        {
            w.WriteNumber("max_subscriptions", o.MaxSubscriptions);
        }

        w.WriteNumber("ping_interval", (long)o.PingInterval.TotalNanoseconds);
        w.WriteNumber("ping_max", o.PingMax);
        w.WriteString("http_host", server.Http.Enabled ? server.Http.Host : o.Host);
        w.WriteNumber("http_port", server.Http is { Enabled: true, Https: false } ? server.HttpPort : 0);
        w.WriteString("http_base_path", server.Http.BasePath);
        w.WriteNumber("https_port", server.Http is { Enabled: true, Https: true } ? server.HttpPort : 0);
        w.WriteNumber("auth_timeout", gateway.AuthTimeout.TotalSeconds);
        w.WriteNumber("max_control_line", o.MaxControlLine);
        w.WriteNumber("max_payload", o.MaxPayload);
        w.WriteNumber("max_pending", o.MaxPending);
        VarzSections.WriteCluster(w, gateway);
        VarzSections.WriteGateway(w);
        VarzSections.WriteLeaf(w);
        VarzSections.WriteMqtt(w);
        VarzSections.WriteWebsocket(w, gateway);
        VarzSections.WriteJetStream(w, jetStream);
        w.WriteNumber("tls_timeout", (o.Tls?.Timeout ?? Natrium.Gateway.Tls.TlsOptions.DefaultTimeout).TotalSeconds);
        w.WriteNumber("write_deadline", (long)o.WriteDeadline.TotalNanoseconds);
        w.WriteTime("start", server.Started);
        w.WriteTime("now", now);
        w.WriteString("uptime", GoDuration.Uptime(now - server.Started));
        w.WriteNumber("mem", ProcessUsage.Memory());
        w.WriteNumber("cores", Environment.ProcessorCount);
        w.WriteNumber("gomaxprocs", Environment.ProcessorCount);
        w.WriteNumber("cpu", ProcessUsage.CpuPercent());
        w.WriteNumber("connections", server.Gateways.Sum(g => g.ClientCount));
        w.WriteNumber("total_connections", server.Gateways.Sum(g => g.TotalConnections));
        // The other live nodes, as /routez lists them; no leaf nodes or gateways.
        var routes = Topologyz.RouteNodes(server.Gateways).Count;
        w.WriteNumber("routes", routes);
        w.WriteNumber("remotes", routes);
        w.WriteNumber("leafnodes", 0);
        w.WriteNumber("in_msgs", traffic.InMsgs);
        w.WriteNumber("out_msgs", traffic.OutMsgs);
        w.WriteNumber("in_bytes", traffic.InBytes);
        w.WriteNumber("out_bytes", traffic.OutBytes);
        w.WriteNumber("slow_consumers", traffic.SlowConsumers);
        w.WriteNumber("subscriptions", server.Gateways.Sum(g => g.SubscriptionCount()));
        w.WriteStartObject("http_req_stats");
        foreach (var (path, count) in server.Requests.Snapshot())
        {
            w.WriteNumber(path, count);
        }

        w.WriteEndObject();
        w.WriteTime("config_load_time", gateway.ConfigLoaded);
        if (o.Tags.Count > 0)
        {
            WriteStrings(w, "tags", o.Tags);
        }
        VarzSections.WriteTrustedOperators(w, o.Operators);
        w.WriteString("system_account", o.SystemAccount);
        w.WriteEndObject();
    }

    /// client_advertise replaces the host and port clients are told, as in nats-server.
    private static (string Host, int Port) Advertised(string? advertise, string host, int port)
    {
        if (string.IsNullOrEmpty(advertise))
        {
            return (host, port);
        }

        var colon = advertise.LastIndexOf(':');
        return colon > 0 && int.TryParse(advertise.AsSpan(colon + 1), out var advertisedPort)
            ? (advertise[..colon], advertisedPort)
            : (advertise, port);
    }

    private static void WriteIfTrue(Utf8JsonWriter w, string name, bool value)
    {
        if (value)
        {
            w.WriteBoolean(name, true);
        }
    }

    public static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
