using Natrium.Gateway.Monitoring;

namespace Natrium.Silo.Monitoring;

/// /connz's orders as one ascending key per connection, so one node sorts its own connections
/// and a cluster-wide /connz merges the nodes' with the same rule: by Key, then Text, then cid.
/// nats-server's orders: cid, start and uptime ascending, reason alphabetical, the others
/// largest first (negated here); idle by last_activity − start (its byIdle), not by idle time.
internal static class ConnzOrder
{
    public static (long Key, string Text) Of(ConnectionSnapshot c, string sort, DateTimeOffset now) => sort switch
    {
        "start" => (c.Start.UtcTicks, string.Empty),
        "subs" => (-c.Subscriptions.Count, string.Empty),
        "pending" => (-c.PendingBytes, string.Empty),
        "msgs_to" => (-c.OutMessages, string.Empty),
        "msgs_from" => (-c.InMessages, string.Empty),
        "bytes_to" => (-c.OutBytes, string.Empty),
        "bytes_from" => (-c.InBytes, string.Empty),
        "last" => (-c.LastActivity.UtcTicks, string.Empty),
        "idle" => (-(c.LastActivity - c.Start).Ticks, string.Empty),
        "uptime" => (((c.Stop ?? now) - c.Start).Ticks, string.Empty),
        "stop" => (-(c.Stop?.UtcTicks ?? 0), string.Empty),
        "reason" => (0, c.Reason ?? string.Empty),
        _ => (0, string.Empty),
    };

    public static IEnumerable<ConnectionSnapshot> Sort(IEnumerable<ConnectionSnapshot> list, string sort, DateTimeOffset now) =>
        list.Select(c => (Connection: c, Order: Of(c, sort, now)))
            .OrderBy(e => e.Order.Key)
            .ThenBy(e => e.Order.Text, StringComparer.Ordinal)
            .ThenBy(e => e.Connection.Cid)
            .Select(e => e.Connection);
}
