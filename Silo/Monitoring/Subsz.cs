using System.Text.Json;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Monitoring;

namespace Natrium.Silo.Monitoring;

/// GET /subsz (alias /subscriptionsz): the local clients' subscriptions, with nats-server
/// 2.9.10's options and shapes (spec/monitoring_cluster.md §5). An empty list gives only the
/// sublist statistics, as there.
///
/// num_subscriptions is the count of client subscriptions; the other figures come from each
/// account's match cache (GatewayNode.SublistStats), merged over the accounts as nats-server
/// merges its sublists', or of the one account with acc=.
internal static class Subsz
{
    public static void Write(GatewayNode[] gateways, MonitoringQuery query, Utf8JsonWriter w)
    {
        var listed = query.Bool("subs");
        var offset = Math.Max(0, query.Int("offset"));
        var limit = query.Int("limit") is var l && l <= 0 ? ConnzOptions.DefaultLimit : l;
        var test = query.Text("test");
        var account = query.Text("acc");
        if (test.Length > 0 && !SubjectValidator.IsValidLiteral(test.AsSpan()))
        {
            throw new MonitoringQueryException($"invalid test subject, must be valid publish subject: {test}");
        }

        var subscriptions = Local(gateways, account);
        var page = listed
            ? subscriptions.Where(s => test.Length == 0 || SubjectMatcher.Matches(s.Subject.AsSpan(), test.AsSpan()))
                .Skip((int)Math.Min(offset, int.MaxValue)).Take((int)Math.Min(limit, int.MaxValue)).ToList()
            : [];
        w.WriteStartObject();
        if (page.Count > 0)
        {
            w.WriteString("server_id", gateways[0].ServerId);
            w.WriteTime("now", DateTimeOffset.UtcNow);
        }

        WriteStats(w, Stats(gateways, account) with { Subscriptions = subscriptions.Count });
        if (page.Count > 0)
        {
            // nats-server's total is the number returned after paging.
            w.WriteNumber("total", page.Count);
            w.WriteNumber("offset", offset);
            w.WriteNumber("limit", limit);
            w.WriteStartArray("subscriptions_list");
            foreach (var sub in page)
            {
                SubscriptionJson.Write(w, sub, withAccount: true);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// The open connections' subscriptions, of one account when account is set.
    public static List<SubscriptionSnapshot> Local(GatewayNode[] gateways, string account)
    {
        return [.. gateways.SelectMany(g => g.OpenConnections())
            .SelectMany(c => c.Subscriptions)
            .Where(s => account.Length == 0 || s.Account == account)];
    }

    /// The match statistics of these gateways, of one account when account is set.
    public static SublistStats Stats(GatewayNode[] gateways, string account)
    {
        var total = default(SublistStats);
        foreach (var gateway in gateways)
        {
            total += gateway.SublistStats(account);
        }

        return total;
    }

    /// nats-server's SublistStats fields, in its order and types.
    public static void WriteStats(Utf8JsonWriter w, SublistStats stats)
    {
        w.WriteNumber("num_subscriptions", stats.Subscriptions);
        w.WriteNumber("num_cache", stats.Cached);
        w.WriteNumber("num_inserts", stats.Inserts);
        w.WriteNumber("num_removes", stats.Removes);
        w.WriteNumber("num_matches", stats.Matches);
        w.WriteNumber("cache_hit_rate", stats.CacheHitRate);
        w.WriteNumber("max_fanout", stats.MaxFanout);
        w.WriteNumber("avg_fanout", stats.AvgFanout);
    }
}
