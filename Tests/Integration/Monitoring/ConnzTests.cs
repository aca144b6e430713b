using System.Text.Json;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// /connz against a natrium process with NATS.Net clients: nats-server 2.9.10's field names,
/// order and types (spec/monitoring_cluster.md §4), its sort orders, paging, filters and the
/// closed-connection ring with reasons.
[Collection("monitoring")]
public sealed class ConnzTests(NatsMonitoringFixture fixture) : IClassFixture<NatsMonitoringFixture>
{
    private static readonly string[] ConnectionFields =
    [
        "cid", "kind", "type", "ip", "port", "start", "last_activity", "rtt", "uptime", "idle", "pending_bytes",
        "in_msgs", "out_msgs", "in_bytes", "out_bytes", "subscriptions", "name", "lang", "version",
        "authorized_user", "account", "subscriptions_list_detail",
    ];

    [Fact]
    public async Task Connz_open_connection_has_nats_server_fields_in_order_with_their_types()
    {
        await using var subscriber = await fixture.ConnectAsync("connz1", "subscriber");
        await using var publisher = await fixture.ConnectAsync("connz2", "publisher");
        await using var sub = await subscriber.SubscribeCoreAsync<string>("connz.orders", queueGroup: "workers");
        await subscriber.PingAsync();
        await publisher.PublishAsync("connz.orders", "hello");
        await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        // The client can read a message before the server's writer has counted its write done:
        // wait (bounded) until nothing is pending for the subscriber.
        var connz = await fixture.GetJsonAsync("/connz?acc=CONNZ&auth=true&subs=detail");
        for (var attempt = 0; attempt < 50 && SubscriberPending(connz) != 0; attempt++)
        {
            await Task.Delay(20);
            connz = await fixture.GetJsonAsync("/connz?acc=CONNZ&auth=true&subs=detail");
        }

        Assert.Equal(["server_id", "now", "num_connections", "total", "offset", "limit", "connections"], Keys(connz));
        Assert.Equal(2, connz.GetProperty("num_connections").GetInt32());
        Assert.Equal(2, connz.GetProperty("total").GetInt32());
        Assert.Equal(1024, connz.GetProperty("limit").GetInt32());
        Assert.StartsWith("N", connz.GetProperty("server_id").GetString());

        var connections = connz.GetProperty("connections").EnumerateArray().ToList();
        var s = connections.Single(c => c.GetProperty("name").GetString() == "subscriber");
        Assert.Equal(ConnectionFields, Keys(s));
        Assert.Equal("Client", s.GetProperty("kind").GetString());
        Assert.Equal("nats", s.GetProperty("type").GetString());
        Assert.Equal("127.0.0.1", s.GetProperty("ip").GetString());
        Assert.Equal(JsonValueKind.Number, s.GetProperty("port").ValueKind);
        Assert.EndsWith("Z", s.GetProperty("start").GetString());
        Assert.Matches(@"^[0-9.]+(ns|µs|ms|s)$", s.GetProperty("rtt").GetString());
        Assert.Matches(@"^(\d+[ydhm])*\d+s$", s.GetProperty("uptime").GetString());
        Assert.Equal(0, s.GetProperty("pending_bytes").GetInt64());
        Assert.Equal(1, s.GetProperty("out_msgs").GetInt64());
        Assert.Equal(5, s.GetProperty("out_bytes").GetInt64());
        // NATS.Net adds its own _INBOX subscription; the count covers every one listed.
        Assert.Equal(s.GetProperty("subscriptions_list_detail").GetArrayLength(), s.GetProperty("subscriptions").GetInt32());
        Assert.Equal("connz1", s.GetProperty("authorized_user").GetString());
        Assert.Equal("CONNZ", s.GetProperty("account").GetString());
        Assert.Equal(".NET", s.GetProperty("lang").GetString());
        var detail = Assert.Single(s.GetProperty("subscriptions_list_detail").EnumerateArray(), d => d.GetProperty("subject").GetString() == "connz.orders");
        Assert.Equal(["subject", "qgroup", "sid", "msgs", "cid"], Keys(detail));
        Assert.Equal("connz.orders", detail.GetProperty("subject").GetString());
        Assert.Equal("workers", detail.GetProperty("qgroup").GetString());
        Assert.Equal(1, detail.GetProperty("msgs").GetInt64());
        Assert.Equal(s.GetProperty("cid").GetUInt64(), detail.GetProperty("cid").GetUInt64());

        var p = connections.Single(c => c.GetProperty("name").GetString() == "publisher");
        Assert.Equal(1, p.GetProperty("in_msgs").GetInt64());
        Assert.Equal(5, p.GetProperty("in_bytes").GetInt64());

        // Without auth and subs: no user, account or list; subs=1 lists subjects only.
        var plain = (await fixture.GetJsonAsync("/connz?acc=CONNZ")).GetProperty("connections")[0];
        Assert.False(plain.TryGetProperty("authorized_user", out _));
        Assert.False(plain.TryGetProperty("account", out _));
        var subjects = (await fixture.GetJsonAsync("/connz?acc=CONNZ&subs=1&sort=subs")).GetProperty("connections")[0];
        Assert.Contains("connz.orders", subjects.GetProperty("subscriptions_list").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public async Task Connz_sorts_pages_and_filters_as_nats_server()
    {
        await using var a = await fixture.ConnectAsync("sort1", "a");
        await using var b = await fixture.ConnectAsync("sort1", "b");
        await using var c = await fixture.ConnectAsync("sort2", "c");
        foreach (var (client, count) in new[] { (a, 1), (b, 3), (c, 2) })
        {
            for (var i = 0; i < count; i++)
            {
                await client.PublishAsync("sort.nobody", "x");
            }

            await client.PingAsync();
        }

        var byCid = await Names("/connz?acc=SORT");
        Assert.Equal(["a", "b", "c"], byCid);
        Assert.Equal(["b", "c", "a"], await Names("/connz?acc=SORT&sort=msgs_from"));
        Assert.Equal(["b", "c", "a"], await Names("/connz?acc=SORT&sort=bytes_from"));
        Assert.Equal(["a", "b", "c"], await Names("/connz?acc=SORT&sort=start"));

        var page = await fixture.GetJsonAsync("/connz?acc=SORT&sort=msgs_from&offset=1&limit=1");
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("num_connections").GetInt32());
        Assert.Equal("c", page.GetProperty("connections")[0].GetProperty("name").GetString());

        // user= narrows the list but not total; cid= forces limit 1.
        var user = await fixture.GetJsonAsync("/connz?acc=SORT&user=sort2");
        Assert.Equal(3, user.GetProperty("total").GetInt32());
        Assert.Equal("c", Assert.Single(user.GetProperty("connections").EnumerateArray()).GetProperty("name").GetString());
        var cid = (await fixture.GetJsonAsync("/connz?acc=SORT")).GetProperty("connections")[1].GetProperty("cid").GetUInt64();
        var one = await fixture.GetJsonAsync($"/connz?cid={cid}");
        Assert.Equal(1, one.GetProperty("limit").GetInt32());
        Assert.Equal("b", Assert.Single(one.GetProperty("connections").EnumerateArray()).GetProperty("name").GetString());

        // Negative offset and non-positive limit fall back to 0 and 1024.
        var defaults = await fixture.GetJsonAsync("/connz?acc=SORT&offset=-3&limit=0");
        Assert.Equal(0, defaults.GetProperty("offset").GetInt32());
        Assert.Equal(1024, defaults.GetProperty("limit").GetInt32());

        // An unknown account: nats-server's empty answer, no server id and null connections.
        var unknown = await fixture.GetJsonAsync("/connz?acc=NOPE");
        Assert.Equal(string.Empty, unknown.GetProperty("server_id").GetString());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("connections").ValueKind);
    }

    /// Clients a, b, c (user order1, connected in that order) set up so that each key orders
    /// them differently from cid; the publisher p is user order2, left out by user=order1.
    [Fact]
    public async Task Connz_sorts_by_subs_msgs_to_bytes_to_last_idle_and_uptime_as_nats_server()
    {
        await using var a = await fixture.ConnectAsync("order1", "a");
        await using var b = await fixture.ConnectAsync("order1", "b");
        await using var c = await fixture.ConnectAsync("order1", "c");
        await using var p = await fixture.ConnectAsync("order2", "p");
        await using var toA = await a.SubscribeCoreAsync<string>("order.a");
        await using var toB = await b.SubscribeCoreAsync<string>("order.b");
        await using var b2 = await b.SubscribeCoreAsync<string>("order.b2");
        await using var b3 = await b.SubscribeCoreAsync<string>("order.b3");
        await using var toC = await c.SubscribeCoreAsync<string>("order.c");
        await using var c2 = await c.SubscribeCoreAsync<string>("order.c2");
        foreach (var client in new[] { a, b, c })
        {
            await client.PingAsync();
        }

        // msgs_to a 3, c 2, b 1; bytes_to b 100, a 60, c 20.
        await DeliverAsync(p, toA, 3, 20);
        await DeliverAsync(p, toB, 1, 100);
        await DeliverAsync(p, toC, 2, 10);

        const string Order = "/connz?acc=ORDER&user=order1&sort=";
        Assert.Equal(["a", "b", "c"], await Names(Order + "cid"));
        Assert.Equal(["b", "c", "a"], await Names(Order + "subs"));
        Assert.Equal(["a", "c", "b"], await Names(Order + "msgs_to"));
        Assert.Equal(["b", "a", "c"], await Names(Order + "bytes_to"));
        Assert.Equal(["c", "b", "a"], await Names(Order + "uptime"));

        // last: a, then b, then c have traffic (c last). idle (last_activity − start, largest
        // first): c stays active until its span is the longest; b's traffic comes right after
        // a's, so b's span is a's less the time between their connects (checked, retried).
        var spans = new Dictionary<string, TimeSpan>();
        for (var attempt = 1; ; attempt++)
        {
            await a.PublishAsync("order.none", "x");
            await a.PingAsync();
            await b.PublishAsync("order.none", "x");
            await b.PingAsync();
            await Eventually.TrueAsync(
                async () =>
                {
                    await c.PublishAsync("order.none", "x");
                    await c.PingAsync();
                    spans = await SpansAsync("/connz?acc=ORDER&user=order1");
                    return spans["c"] > spans["a"] && spans["c"] > spans["b"];
                },
                "c's last_activity − start is the longest",
                TimeSpan.FromSeconds(20));
            if (spans["a"] > spans["b"])
            {
                break;
            }

            Assert.True(attempt < 10, $"b's traffic right after a's never left b's span below a's: {string.Join(", ", spans)}");
        }

        Assert.Equal(["c", "b", "a"], await Names(Order + "last"));
        Assert.Equal(["c", "a", "b"], await Names(Order + "idle"));

        // As nats-server 2.9.10's last_activity (probed): a PING is no traffic, a message
        // delivered to the client is.
        await a.PingAsync();
        await DeliverAsync(p, toB, 1, 1);
        Assert.Equal(["b", "c", "a"], await Names(Order + "last"));
    }

    [Fact]
    public async Task Connz_sorts_by_pending_bytes_largest_first()
    {
        await using var flooder = await fixture.ConnectAsync("order2", "flooder");
        var (connected, _) = await RawClient.ConnectAsync(fixture.Natrium.Port);
        await using var stalled = connected;
        await stalled.SendAsync("CONNECT {\"user\":\"order2\",\"pass\":\"p\",\"name\":\"stalled\",\"verbose\":false}\r\nSUB order.flood 1\r\nPING\r\n");
        await stalled.ExpectLineAsync("PONG");

        // The stalled client never reads: once the sockets' buffers are full, what the server
        // holds for it stays pending. More than one batch pending means the writer is stuck.
        var payload = new string('x', 64 * 1024);
        long pending = 0;
        await Eventually.TrueAsync(
            async () =>
            {
                for (var i = 0; i < 16; i++)
                {
                    await flooder.PublishAsync("order.flood", payload);
                }

                await flooder.PingAsync();
                var connz = await fixture.GetJsonAsync("/connz?acc=ORDER&user=order2");
                pending = connz.GetProperty("connections").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "stalled").GetProperty("pending_bytes").GetInt64();
                return pending > 2 * 16 * payload.Length;
            },
            "more than two batches wait for the stalled client",
            TimeSpan.FromSeconds(30));

        Assert.Equal(["flooder", "stalled"], await Names("/connz?acc=ORDER&user=order2"));
        Assert.Equal(["stalled", "flooder"], await Names("/connz?acc=ORDER&user=order2&sort=pending"));
    }

    [Fact]
    public async Task Connz_closed_ring_keeps_reason_final_counters_and_subscriptions()
    {
        await using var keeper = await fixture.ConnectAsync("closed1", "keeper");
        var leaver = await fixture.ConnectAsync("closed2", "leaver");
        await using (var sub = await leaver.SubscribeCoreAsync<string>("closed.topic"))
        {
            await leaver.PublishAsync("closed.topic", "abc");
            await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            await leaver.PingAsync();
        }

        await using (var kept = await leaver.SubscribeCoreAsync<string>("closed.kept"))
        {
            await leaver.PingAsync();
            await leaver.DisposeAsync();
        }

        JsonElement closed = default;
        await Eventually.TrueAsync(
            async () => (closed = await fixture.GetJsonAsync("/connz?state=closed&acc=CLOSED&subs=detail&auth=1")).GetProperty("total").GetInt32() == 1,
            "the closed client is in the ring");
        var gone = Assert.Single(closed.GetProperty("connections").EnumerateArray());
        Assert.Equal("leaver", gone.GetProperty("name").GetString());
        Assert.Equal("Client Closed", gone.GetProperty("reason").GetString());
        Assert.EndsWith("Z", gone.GetProperty("stop").GetString());
        Assert.Equal(1, gone.GetProperty("in_msgs").GetInt64());
        Assert.Equal(1, gone.GetProperty("out_msgs").GetInt64());
        Assert.Equal("closed2", gone.GetProperty("authorized_user").GetString());
        var items = gone.GetProperty("subscriptions_list_detail").EnumerateArray().ToList();
        var item = Assert.Single(items, i => i.GetProperty("subject").GetString() == "closed.kept");
        Assert.Equal(["account", "subject", "sid", "msgs", "cid"], Keys(item));
        Assert.DoesNotContain(items, i => i.GetProperty("subject").GetString() == "closed.topic");

        // Open and closed together; stop and reason sorts only on closed connections.
        var all = await fixture.GetJsonAsync("/connz?state=all&acc=CLOSED");
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Equal(["keeper", "leaver"], all.GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("name").GetString() ?? string.Empty).ToArray());
        var any = await fixture.GetJsonAsync("/connz?state=any&acc=CLOSED");
        Assert.Equal(2, any.GetProperty("total").GetInt32());
        Assert.Equal(["keeper", "leaver"], await Names("/connz?state=any&acc=CLOSED"));
        var open = await fixture.GetJsonAsync("/connz?state=open&acc=CLOSED");
        Assert.Equal(1, open.GetProperty("total").GetInt32());
        Assert.Equal(["keeper"], await Names("/connz?state=open&acc=CLOSED"));
        Assert.Equal("leaver", (await fixture.GetJsonAsync("/connz?state=closed&acc=CLOSED&sort=stop")).GetProperty("connections")[0].GetProperty("name").GetString());
        Assert.Equal("leaver", (await fixture.GetJsonAsync("/connz?state=closed&acc=CLOSED&sort=reason")).GetProperty("connections")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Connz_closed_ring_names_an_authentication_failure()
    {
        var (connected, _) = await RawClient.ConnectAsync(fixture.Natrium.Port);
        await using var raw = connected;
        await raw.SendAsync("CONNECT {\"user\":\"connz1\",\"pass\":\"wrong\",\"name\":\"intruder\"}\r\nPING\r\n");
        await raw.ExpectLineAsync("-ERR 'Authorization Violation'");

        await Eventually.TrueAsync(
            async () => (await fixture.GetJsonAsync("/connz?state=closed&sort=reason")).GetProperty("connections").EnumerateArray()
                .Any(c => c.GetProperty("name").GetString() == "intruder" && c.GetProperty("reason").GetString() == "Authentication Failure"),
            "the refused client is in the ring as an Authentication Failure");
    }

    private async Task<string[]> Names(string path) =>
        [.. (await fixture.GetJsonAsync(path)).GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("name").GetString() ?? string.Empty)];

    /// Publishes count messages of size bytes to sub's subject, then reads them at the
    /// subscriber; the publisher's PING orders them before what follows.
    private static async Task DeliverAsync(NATS.Client.Core.NatsConnection publisher, NATS.Client.Core.INatsSub<string> sub, int count, int size)
    {
        for (var i = 0; i < count; i++)
        {
            await publisher.PublishAsync(sub.Subject, new string('m', size));
        }

        await publisher.PingAsync();
        for (var i = 0; i < count; i++)
        {
            await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    /// Each connection's last_activity − start, by name: what sort=idle orders by.
    private async Task<Dictionary<string, TimeSpan>> SpansAsync(string path) =>
        (await fixture.GetJsonAsync(path)).GetProperty("connections").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString() ?? string.Empty,
            c => DateTimeOffset.Parse(c.GetProperty("last_activity").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                - DateTimeOffset.Parse(c.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

    internal static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static long SubscriberPending(JsonElement connz) =>
        connz.GetProperty("connections").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "subscriber").GetProperty("pending_bytes").GetInt64();
}
