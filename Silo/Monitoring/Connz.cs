using System.Text.Json;
using Natrium.Contracts.Messages;
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
        if (!gateways.Any(g => KnowsAccount(g, options)))
        {
            WriteUnknownAccount(w, now, options);
            w.WriteEndObject();
            return;
        }

        var (total, selected) = Select(gateways, options);
        var page = ConnzOrder.Sort(selected, options.Sort, now).Skip((int)Math.Min(options.Offset, selected.Count)).Take((int)Math.Min(options.Limit, int.MaxValue)).ToList();
        WriteEnvelope(w, gateways[0].ServerId, now, options, total, page.Count);
        w.WriteStartArray("connections");
        foreach (var connection in page)
        {
            ConnectionJson.Write(w, connection, options, now);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// One gateway's share of a cluster-wide /connz (ClusterConnz): its total and its first
    /// offset+limit connections in the asked order, each marked with the gateway.
    public static ConnzPart Part(GatewayNode gateway, ConnzOptions options)
    {
        if (!KnowsAccount(gateway, options))
        {
            return new ConnzPart(false, 0, []);
        }

        var now = DateTimeOffset.UtcNow;
        var (total, selected) = Select([gateway], options);
        var node = new ConnectionJson.Node(gateway.ServerId, gateway.Options.ServerName ?? gateway.ServerId);
        var wanted = (int)Math.Min(Math.Min(options.Offset, int.MaxValue) + Math.Min(options.Limit, int.MaxValue), int.MaxValue);
        var rows = new List<ConnzRow>();
        foreach (var connection in ConnzOrder.Sort(selected, options.Sort, now).Take(wanted))
        {
            var (key, text) = ConnzOrder.Of(connection, options.Sort, now);
            rows.Add(new ConnzRow(key, text, connection.Cid, ConnectionJson.ToJson(connection, options, now, node)));
        }

        return new ConnzPart(true, total, [.. rows]);
    }

    /// Without acc=, or with an account the gateway knows.
    private static bool KnowsAccount(GatewayNode gateway, ConnzOptions options) =>
        options.Account.Length == 0 || gateway.KnownAccounts().Contains(options.Account, StringComparer.Ordinal);

    /// nats-server returns its empty reply before filling in its id.
    public static void WriteUnknownAccount(Utf8JsonWriter w, DateTimeOffset now, ConnzOptions options)
    {
        WriteEnvelope(w, string.Empty, now, options, total: 0, count: 0);
        w.WriteNull("connections");
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

    public static void WriteEnvelope(Utf8JsonWriter w, string serverId, DateTimeOffset now, ConnzOptions options, int total, int count)
    {
        w.WriteString("server_id", serverId);
        w.WriteTime("now", now);
        w.WriteNumber("num_connections", count);
        w.WriteNumber("total", total);
        w.WriteNumber("offset", options.Offset);
        w.WriteNumber("limit", options.Limit);
    }
}
