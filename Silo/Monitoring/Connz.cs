using System.Text.Json;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Monitoring;

namespace Natrium.Silo.Monitoring;

/// GET /connz: this process's client connections, open and recently closed, chosen, sorted and
/// paged as nats-server 2.9.10's Connz() does (spec/monitoring_cluster.md §4). Each node
/// reports its own connections; routes and other nodes' clients never appear.
internal static class Connz
{
    public static void Write(GatewayNode[] gateways, MonitoringQuery query, Utf8JsonWriter w)
    {
        var options = ConnzOptions.Parse(query);
        var now = DateTimeOffset.UtcNow;
        w.WriteStartObject();
        if (options.Account.Length > 0 && !gateways.Any(g => g.KnownAccounts().Contains(options.Account, StringComparer.Ordinal)))
        {
            // nats-server returns its empty reply before filling in its id.
            WriteEnvelope(w, string.Empty, now, options, total: 0, count: 0);
            w.WriteNull("connections");
            w.WriteEndObject();
            return;
        }

        var (total, selected) = Select(gateways, options);
        var page = Sort(selected, options.Sort, now).Skip((int)Math.Min(options.Offset, selected.Count)).Take((int)Math.Min(options.Limit, int.MaxValue)).ToList();
        WriteEnvelope(w, gateways[0].ServerId, now, options, total, page.Count);
        w.WriteStartArray("connections");
        foreach (var connection in page)
        {
            ConnectionJson.Write(w, connection, options, now);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// total counts the state's connections (of the account with acc=), not reduced by user=
    /// or cid=; the list is filtered by both.
    private static (int Total, List<ConnectionSnapshot> Selected) Select(GatewayNode[] gateways, ConnzOptions options)
    {
        var inAccount = (ConnectionSnapshot c) => options.Account.Length == 0 || c.Account == options.Account;
        var byUser = (ConnectionSnapshot c) => options.User.Length == 0 || c.AuthorizedUser == options.User;
        var wantsOpen = options.State != ConnectionState.Closed;
        var wantsClosed = options.State != ConnectionState.Open;
        var open = wantsOpen ? gateways.SelectMany(g => g.OpenConnections()).ToList() : [];
        var closed = wantsClosed ? gateways.SelectMany(g => g.ClosedConnections()).Where(inAccount).ToList() : [];
        var total = open.Count(inAccount) + closed.Count;
        if (options.Cid > 0)
        {
            // As nats-server: with state=all only the closed ring is searched for a cid. Unlike
            // 2.9.10, acc= holds for an open connection too: an account's own CONNZ request
            // must not show another account's connection by its cid.
            var found = wantsClosed ? closed.Where(c => c.Cid == options.Cid).Take(1) : open.Where(c => c.Cid == options.Cid).Where(inAccount);
            return (total, found.ToList());
        }

        return (total, [.. open.Where(inAccount).Where(byUser), .. closed.Where(byUser)]);
    }

    /// nats-server's orders: cid, start and uptime ascending, reason alphabetical, the others
    /// largest first; idle by last_activity − start (its byIdle), not by idle time.
    private static IEnumerable<ConnectionSnapshot> Sort(List<ConnectionSnapshot> list, string sort, DateTimeOffset now) => sort switch
    {
        "start" => list.OrderBy(c => c.Start).ThenBy(c => c.Cid),
        "subs" => list.OrderByDescending(c => c.Subscriptions.Count).ThenBy(c => c.Cid),
        "pending" => list.OrderByDescending(c => c.PendingBytes).ThenBy(c => c.Cid),
        "msgs_to" => list.OrderByDescending(c => c.OutMessages).ThenBy(c => c.Cid),
        "msgs_from" => list.OrderByDescending(c => c.InMessages).ThenBy(c => c.Cid),
        "bytes_to" => list.OrderByDescending(c => c.OutBytes).ThenBy(c => c.Cid),
        "bytes_from" => list.OrderByDescending(c => c.InBytes).ThenBy(c => c.Cid),
        "last" => list.OrderByDescending(c => c.LastActivity).ThenBy(c => c.Cid),
        "idle" => list.OrderByDescending(c => c.LastActivity - c.Start).ThenBy(c => c.Cid),
        "uptime" => list.OrderBy(c => (c.Stop ?? now) - c.Start).ThenBy(c => c.Cid),
        "stop" => list.OrderByDescending(c => c.Stop).ThenBy(c => c.Cid),
        "reason" => list.OrderBy(c => c.Reason, StringComparer.Ordinal).ThenBy(c => c.Cid),
        _ => list.OrderBy(c => c.Cid),
    };

    private static void WriteEnvelope(Utf8JsonWriter w, string serverId, DateTimeOffset now, ConnzOptions options, int total, int count)
    {
        w.WriteString("server_id", serverId);
        w.WriteTime("now", now);
        w.WriteNumber("num_connections", count);
        w.WriteNumber("total", total);
        w.WriteNumber("offset", options.Offset);
        w.WriteNumber("limit", options.Limit);
    }
}
