using System.Text.Json;
using Natrium.Gateway.Hosting;

namespace Natrium.Gateway.Monitoring;

/// The `statsz` body of `$SYS.SERVER.<id>.STATSZ` and `$SYS.REQ.SERVER.PING[.STATSZ]`, in
/// nats-server 2.9.10's order (spec/monitoring_cluster.md §8): sent = delivered to clients,
/// received = read from them (GatewayNode.Traffic), cpu as /varz. `routes` lists the other
/// nodes as /routez does (absent on a node alone, as on nats-server without routes);
/// active_servers counts the gateways this one knows of (itself and the connect_urls of the others); `jetstream` (with JetStream on) has its limits and stats.
internal static class ServerStatsz
{
    public static void Write(Utf8JsonWriter w, GatewayNode node, JetStreamUsage? jetStream)
    {
        var traffic = node.Traffic();
        var accounts = node.TrafficByAccount();
        w.WriteStartObject();
        w.WriteString("start"u8, node.Started.UtcDateTime);
        w.WriteNumber("mem"u8, ProcessUsage.Memory());
        w.WriteNumber("cores"u8, Environment.ProcessorCount);
        w.WriteNumber("cpu"u8, ProcessUsage.CpuPercent());
        w.WriteNumber("connections"u8, node.ClientCount);
        w.WriteNumber("total_connections"u8, node.TotalConnections);
        w.WriteNumber("active_accounts"u8, accounts.Count(a => a.Connections > 0));
        w.WriteNumber("subscriptions"u8, node.SubscriptionCount());
        WriteCount(w, "sent"u8, traffic.OutMsgs, traffic.OutBytes);
        WriteCount(w, "received"u8, traffic.InMsgs, traffic.InBytes);
        w.WriteNumber("slow_consumers"u8, traffic.SlowConsumers);
        WriteRoutes(w, node.ClusterNodes);
        w.WriteNumber("active_servers"u8, Math.Max(1, node.Info.ConnectUrls.Length));
        if (jetStream is not null)
        {
            w.WriteStartObject("jetstream"u8);
            w.WriteStartObject("config"u8);
            w.WriteNumber("max_memory"u8, jetStream.MaxMemory);
            w.WriteNumber("max_storage"u8, jetStream.MaxStorage);
            w.WriteEndObject();
            w.WriteStartObject("stats"u8);
            jetStream.WriteStats(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// Each other node as a route: its name, and 0 for the route connection's id, traffic and
    /// pending bytes, which have no counterpart (the nodes talk through Orleans), as in /routez.
    private static void WriteRoutes(Utf8JsonWriter w, IReadOnlyList<Contracts.Messages.ClusterNode> others)
    {
        if (others.Count == 0)
        {
            return;
        }

        w.WriteStartArray("routes"u8);
        foreach (var other in others)
        {
            w.WriteStartObject();
            w.WriteNumber("rid"u8, 0);
            w.WriteString("name"u8, other.ServerName);
            WriteCount(w, "sent"u8, 0, 0);
            WriteCount(w, "received"u8, 0, 0);
            w.WriteNumber("pending"u8, 0);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteCount(Utf8JsonWriter w, ReadOnlySpan<byte> name, long messages, long bytes)
    {
        w.WriteStartObject(name);
        w.WriteNumber("msgs"u8, messages);
        w.WriteNumber("bytes"u8, bytes);
        w.WriteEndObject();
    }
}
