using System.Text.Json;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Monitoring;

namespace Natrium.Silo.Monitoring;

/// GET /accstatz: per-account connection and message counts on this node, in nats-server
/// 2.9.10's shape (spec/monitoring_cluster.md §6): only accounts with local connections
/// unless unused=true; no acc= over HTTP, as there. sent = to the account's clients, received =
/// from them. nats-server keeps account counters for its whole life; Natrium sums the open
/// connections and the closed ones still in the ring (the last 10,000).
internal static class Accstatz
{
    public static void Write(GatewayNode[] gateways, MonitoringQuery query, Utf8JsonWriter w)
    {
        var unused = query.Bool("unused");
        var now = DateTimeOffset.UtcNow;
        var open = gateways.SelectMany(g => g.OpenConnections()).Where(c => c.Authenticated).ToList();
        var closed = gateways.SelectMany(g => g.ClosedConnections()).Where(c => c.Authenticated).ToList();
        var accounts = gateways.SelectMany(g => g.KnownAccounts()).Distinct(StringComparer.Ordinal);
        w.WriteStartObject();
        w.WriteString("server_id", gateways[0].ServerId);
        w.WriteTime("now", now);
        w.WriteStartArray("account_statz");
        foreach (var account in accounts)
        {
            var conns = open.Count(c => c.Account == account);
            if (conns == 0 && !unused)
            {
                continue;
            }

            List<ConnectionSnapshot> all = [.. open.Where(c => c.Account == account), .. closed.Where(c => c.Account == account)];
            w.WriteStartObject();
            w.WriteString("acc", account);
            w.WriteNumber("conns", conns);
            w.WriteNumber("leafnodes", 0);
            w.WriteNumber("total_conns", conns);
            WriteCount(w, "sent", all.Sum(c => c.OutMessages), all.Sum(c => c.OutBytes));
            WriteCount(w, "received", all.Sum(c => c.InMessages), all.Sum(c => c.InBytes));
            w.WriteNumber("slow_consumers", all.Count(c => c.Reason?.StartsWith("Slow Consumer", StringComparison.Ordinal) == true));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCount(Utf8JsonWriter w, string name, long messages, long bytes)
    {
        w.WriteStartObject(name);
        w.WriteNumber("msgs", messages);
        w.WriteNumber("bytes", bytes);
        w.WriteEndObject();
    }
}
