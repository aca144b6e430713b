using Natrium.Contracts.Messages;
using Natrium.Gateway.Monitoring;
using Natrium.Silo.Monitoring;

namespace Natrium.Tests.Unit.Monitoring;

/// A cluster-wide /connz page made from each node's first offset+limit connections (in its
/// order) is the page one server holding every connection would give, for every sort key and
/// page: nodes' ties are broken by cid, then node name.
public sealed class ClusterConnzMergeTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static TheoryData<string> Sorts() => [.. ConnzOptions.SortKeys];

    [Theory]
    [MemberData(nameof(Sorts))]
    public void Merging_each_nodes_first_rows_gives_the_global_page(string sort)
    {
        var random = new Random(16);
        var nodes = Enumerable.Range(0, 3).Select(i => new ConnectionJson.Node($"N{i}", $"node{i}")).ToArray();
        var connections = nodes.ToDictionary(n => n, n => Enumerable.Range(1, random.Next(0, 25)).Select(cid => Connection((ulong)cid, random)).ToList());
        foreach (var (offset, limit) in new[] { (0L, 1024L), (0L, 1L), (3L, 5L), (10L, 7L), (40L, 10L), (0L, 60L) })
        {
            var options = new ConnzOptions(sort, false, false, false, offset, limit, 0, sort is "stop" or "reason" ? ConnectionState.Closed : ConnectionState.Open, "", "");
            var merged = ClusterConnz.Page(nodes.Select(n => (n, Part(connections[n], options))), options)
                .Select(e => (e.Node.ServerName, e.Row.Cid));
            var global = connections
                .SelectMany(pair => pair.Value.Select(c => (Node: pair.Key, Connection: c, Order: ConnzOrder.Of(c, sort, Now))))
                .OrderBy(e => e.Order.Key).ThenBy(e => e.Order.Text, StringComparer.Ordinal).ThenBy(e => e.Connection.Cid).ThenBy(e => e.Node.ServerName, StringComparer.Ordinal)
                .Skip((int)offset).Take((int)limit)
                .Select(e => (e.Node.ServerName, e.Connection.Cid));
            Assert.Equal(global, merged);
        }
    }

    [Fact]
    public void One_node_order_is_the_single_server_order()
    {
        var random = new Random(7);
        var list = Enumerable.Range(1, 30).Select(cid => Connection((ulong)cid, random)).ToList();
        Assert.Equal(list.OrderByDescending(c => c.InMessages).ThenBy(c => c.Cid).Select(c => c.Cid), ConnzOrder.Sort(list, "msgs_from", Now).Select(c => c.Cid));
        Assert.Equal(list.OrderBy(c => c.Start).ThenBy(c => c.Cid).Select(c => c.Cid), ConnzOrder.Sort(list, "start", Now).Select(c => c.Cid));
        Assert.Equal(list.OrderBy(c => c.Reason, StringComparer.Ordinal).ThenBy(c => c.Cid).Select(c => c.Cid), ConnzOrder.Sort(list, "reason", Now).Select(c => c.Cid));
        Assert.Equal(list.OrderByDescending(c => c.LastActivity - c.Start).ThenBy(c => c.Cid).Select(c => c.Cid), ConnzOrder.Sort(list, "idle", Now).Select(c => c.Cid));
    }

    // What Connz.Part sends: the node's first offset+limit rows in its order.
    private static ConnzPart Part(List<ConnectionSnapshot> connections, ConnzOptions options) =>
        new(true, connections.Count, [.. ConnzOrder.Sort(connections, options.Sort, Now)
            .Take((int)(options.Offset + options.Limit))
            .Select(c => ConnzOrder.Of(c, options.Sort, Now) is var (key, text) ? new ConnzRow(key, text, c.Cid, []) : null!)]);

    // Few distinct values, so ties across nodes are common.
    private static ConnectionSnapshot Connection(ulong cid, Random random)
    {
        var start = Now.AddSeconds(-random.Next(1, 5));
        return new ConnectionSnapshot
        {
            Cid = cid,
            Ip = "127.0.0.1",
            Port = 1,
            Start = start,
            LastActivity = start.AddSeconds(random.Next(0, 3)),
            Stop = Now.AddSeconds(-random.Next(0, 3)),
            Reason = random.Next(3) switch { 0 => "Client Closed", 1 => "Stale Connection", _ => "Slow Consumer (Pending Bytes)" },
            InMessages = random.Next(0, 4),
            OutMessages = random.Next(0, 4),
            InBytes = random.Next(0, 4),
            OutBytes = random.Next(0, 4),
            PendingBytes = random.Next(0, 4),
            Account = "$G",
            Subscriptions = [.. Enumerable.Range(0, random.Next(0, 3)).Select(i => new SubscriptionSnapshot("$G", "s", null, i.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, 0, cid))],
        };
    }
}
