using System.Text.Json;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Monitoring;

namespace Natrium.Silo.Monitoring;

/// GET /accstatz: per-account connection and message counts on this node, in nats-server
/// 2.9.10's shape (spec/monitoring_cluster.md §6): only accounts with local connections
/// unless unused=true; no acc= over HTTP, as there. sent = to the account's clients, received =
/// from them, since start (the open connections' counters plus the closed ones' final counts,
/// GatewayNode.TrafficByAccount). `$SYS.REQ.ACCOUNT.<acc>.STATZ` gives one account's entry,
/// and only from a server where it has connections, as nats-server.
internal static class Accstatz
{
    public static void Write(GatewayNode[] gateways, MonitoringQuery query, Utf8JsonWriter w, IReadOnlyCollection<string>? only = null)
    {
        var unused = query.Bool("unused") && only is null;
        var traffic = gateways.SelectMany(g => g.TrafficByAccount())
            .GroupBy(a => a.Account, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Connections: g.Sum(a => a.Connections), Traffic: g.Aggregate(default(Traffic), (sum, a) => sum + a.Traffic)), StringComparer.Ordinal);
        var accounts = gateways.SelectMany(g => g.KnownAccounts()).Concat(traffic.Keys).Distinct(StringComparer.Ordinal);
        w.WriteStartObject();
        w.WriteString("server_id", gateways[0].ServerId);
        w.WriteTime("now", DateTimeOffset.UtcNow);
        w.WriteStartArray("account_statz");
        foreach (var account in accounts.Where(a => only is null || only.Contains(a)))
        {
            var (conns, counts) = traffic.GetValueOrDefault(account);
            if (conns == 0 && !unused)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("acc", account);
            w.WriteNumber("conns", conns);
            w.WriteNumber("leafnodes", 0);
            w.WriteNumber("total_conns", conns);
            WriteCount(w, "sent", counts.OutMsgs, counts.OutBytes);
            WriteCount(w, "received", counts.InMsgs, counts.InBytes);
            w.WriteNumber("slow_consumers", counts.SlowConsumers);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// Whether any of the accounts has connections on these gateways (who answers an account STATZ).
    public static bool HasConnections(GatewayNode[] gateways, IEnumerable<string> accounts) =>
        accounts.Any(account => gateways.Any(g => g.ConnectionsIn(account) > 0));

    private static void WriteCount(Utf8JsonWriter w, string name, long messages, long bytes)
    {
        w.WriteStartObject(name);
        w.WriteNumber("msgs", messages);
        w.WriteNumber("bytes", bytes);
        w.WriteEndObject();
    }
}
