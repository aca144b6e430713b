using System.Net;
using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.Monitoring;

/// /varz's full field list, http_base_path, the index page, 404s, /stacksz, /ipqueuesz,
/// max_closed_clients, /jsz and the `$SYS` VARZ/JSZ/INFO/STATZ requests, against a natrium
/// process, with nats-server 2.9.10's shapes (spec/monitoring_cluster.md Part A). Where
/// nats-server is installed, /varz and /jsz are compared with it live, field by field.
[Collection("monitoring-extras")]
public sealed class MonitoringExtrasTests(MonitoringExtrasFixture fixture) : IClassFixture<MonitoringExtrasFixture>
{
    /// /varz keys of nats-server 2.9.10 with JetStream, accounts with users and a base path,
    /// server_tags, no TLS or cluster (recorded from 2.9.10).
    private static readonly string[] VarzKeys =
    [
        "server_id", "server_name", "version", "proto", "go", "host", "port", "auth_required", "max_connections", "ping_interval",
        "ping_max", "http_host", "http_port", "http_base_path", "https_port", "auth_timeout", "max_control_line", "max_payload",
        "max_pending", "cluster", "gateway", "leaf", "mqtt", "websocket", "jetstream", "tls_timeout", "write_deadline", "start", "now",
        "uptime", "mem", "cores", "gomaxprocs", "cpu", "connections", "total_connections", "routes", "remotes", "leafnodes", "in_msgs",
        "out_msgs", "in_bytes", "out_bytes", "slow_consumers", "subscriptions", "http_req_stats", "config_load_time", "tags", "system_account",
    ];

    private static readonly string[] JszKeys =
    [
        "server_id", "now", "config", "memory", "storage", "reserved_memory", "reserved_storage", "accounts", "ha_assets", "api",
        "streams", "consumers", "messages", "bytes",
    ];

    [Fact]
    public async Task Varz_has_every_field_of_nats_server_2_9_10_with_its_types()
    {
        var varz = await fixture.GetJsonAsync("/varz");
        Assert.Equal(VarzKeys, ConnzTests.Keys(varz));
        Assert.Equal(["config", "stats"], ConnzTests.Keys(varz.GetProperty("jetstream")));
        Assert.Equal(["max_memory", "max_storage", "store_dir"], ConnzTests.Keys(varz.GetProperty("jetstream").GetProperty("config")));
        Assert.Equal(["memory", "storage", "reserved_memory", "reserved_storage", "accounts", "ha_assets", "api"],
            ConnzTests.Keys(varz.GetProperty("jetstream").GetProperty("stats")));
        Assert.Equal("/nats", varz.GetProperty("http_base_path").GetString());
        Assert.Equal(new Uri(fixture.Natrium.MonitoringUrl!).Port, varz.GetProperty("http_port").GetInt32());
        Assert.Equal("SYS", varz.GetProperty("system_account").GetString());
        Assert.Equal(120_000_000_000, varz.GetProperty("ping_interval").GetInt64());
        Assert.True(varz.GetProperty("http_req_stats").GetProperty("/varz").GetInt64() >= 1);

        await using var reference = await ReferenceMonitor.StartAsync("""
            http_base_path: /nats
            server_tags: ["Az:1", "b", "b", " c "]
            jetstream { store_dir: "{dir}" }
            system_account: SYS
            accounts {
              J { jetstream: enabled, users: [ { user: j, password: p } ] }
              SYS { users: [ { user: sys, password: p } ] }
            }
            """, "/nats");
        if (reference is not null)
        {
            var theirs = await reference.GetJsonAsync("/nats/varz");
            Assert.Equal(ConnzTests.Keys(theirs), ConnzTests.Keys(varz));
            foreach (var field in theirs.EnumerateObject())
            {
                Assert.True(field.Value.ValueKind == varz.GetProperty(field.Name).ValueKind, $"{field.Name}: nats-server {field.Value.ValueKind}, natrium {varz.GetProperty(field.Name).ValueKind}");
            }

            Assert.Equal(ConnzTests.Keys(await reference.GetJsonAsync("/nats/jsz")), ConnzTests.Keys(await fixture.GetJsonAsync("/jsz")));
        }
    }

    [Fact]
    public async Task Varz_counts_messages_bytes_and_http_requests()
    {
        await using var nc = await fixture.ConnectAsync("m", "varz-traffic");
        await using var sub = await nc.SubscribeCoreAsync<string>("varz.x");
        await nc.PingAsync();
        var before = await fixture.GetJsonAsync("/varz");
        for (var i = 0; i < 4; i++)
        {
            await nc.PublishAsync("varz.x", "12345");
            await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }

        var after = await fixture.GetJsonAsync("/varz");
        Assert.Equal(4, after.GetProperty("in_msgs").GetInt64() - before.GetProperty("in_msgs").GetInt64());
        Assert.Equal(20, after.GetProperty("in_bytes").GetInt64() - before.GetProperty("in_bytes").GetInt64());
        Assert.Equal(4, after.GetProperty("out_msgs").GetInt64() - before.GetProperty("out_msgs").GetInt64());
        Assert.Equal(20, after.GetProperty("out_bytes").GetInt64() - before.GetProperty("out_bytes").GetInt64());
        Assert.Equal(1, Count(after, "/varz") - Count(before, "/varz"));
        Assert.True(after.GetProperty("subscriptions").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.Number, after.GetProperty("cpu").ValueKind);
    }

    [Fact]
    public async Task Base_path_serves_every_endpoint_under_it_and_answers_404_elsewhere()
    {
        foreach (var path in new[] { "/varz", "/varz/", "/nats/", "/nats/varz/", "/nats/VARZ", "/nats/raftz", "/nats/expvarz", "/natsvarz" })
        {
            using var response = await fixture.Http.GetAsync(fixture.Natrium.MonitoringUrl + path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("404 page not found\n", await response.Content.ReadAsStringAsync());
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        }

        // Any method is served like GET.
        using (var post = await fixture.Http.PostAsync(fixture.Root + "/connz", new StringContent(string.Empty)))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }

        // The index sits at the base path itself, its links relative to it as nats-server writes them.
        using var index = await fixture.Http.GetAsync(fixture.Root);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        var html = await index.Content.ReadAsStringAsync();
        foreach (var endpoint in new[] { "varz", "jsz", "connz", "accountz", "accstatz", "subsz", "routez", "leafz", "gatewayz", "healthz" })
        {
            Assert.Contains($"href=./nats/{endpoint}>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Stacksz_and_ipqueuesz_answer_in_nats_server_shapes()
    {
        // Every managed thread's stack, one block each: the broker's own threads are there
        // with their names and frames, not only the thread serving the request.
        using var stacks = await fixture.Http.GetAsync(fixture.Root + "/stacksz");
        Assert.Equal(HttpStatusCode.OK, stacks.StatusCode);
        Assert.Equal("application/json", stacks.Content.Headers.ContentType?.MediaType);
        var dump = await stacks.Content.ReadAsStringAsync();
        Assert.Matches(@"^process \d+: \d+ managed threads\n", dump);
        Assert.Matches(@"\nthread 1 \[os \d+\]", dump);
        Assert.Contains("\" (finalizer):\n", dump, StringComparison.Ordinal);
        Assert.Contains("    Orleans.Runtime.Watchdog.", dump, StringComparison.Ordinal);
        Assert.Contains("    System.Net.Sockets.SocketAsyncEngine.EventLoop()\n", dump, StringComparison.Ordinal);
        Assert.True(dump.Length <= 4 * 1024 * 1024 + 200, $"{dump.Length} characters");

        // One dump at a time, one per 10 s: requests meanwhile get the in-process view, or
        // the last dump marked with its age; all are answered.
        var together = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fixture.Http.GetStringAsync(fixture.Root + "/stacksz")));
        Assert.All(together, body => Assert.True(
            body.StartsWith("stack dump taken ", StringComparison.Ordinal) || body.StartsWith("another stack dump is being taken; ", StringComparison.Ordinal),
            body[..Math.Min(200, body.Length)]));

        Assert.Empty(ConnzTests.Keys(await fixture.GetJsonAsync("/ipqueuesz")));
        Assert.Empty(ConnzTests.Keys(await fixture.GetJsonAsync("/ipqueuesz?all=1")));
        using var bad = await fixture.Http.GetAsync(fixture.Root + "/ipqueuesz?all=x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Error decoding boolean for 'all': strconv.ParseBool: parsing \"x\": invalid syntax", await bad.Content.ReadAsStringAsync());

        // Neither is counted in http_req_stats, as in nats-server.
        var stats = (await fixture.GetJsonAsync("/varz")).GetProperty("http_req_stats");
        Assert.False(stats.TryGetProperty("/stacksz", out _));
        Assert.False(stats.TryGetProperty("/ipqueuesz", out _));
    }

    [Fact]
    public async Task Closed_connections_ring_keeps_max_closed_clients()
    {
        var cids = new List<ulong>();
        for (var i = 0; i < 3; i++)
        {
            await using var nc = await fixture.ConnectAsync("c", "ring-" + i);
            // The previous connection may still be closing: pick this one by its name.
            var open = (await fixture.GetJsonAsync("/connz?acc=C")).GetProperty("connections").EnumerateArray();
            cids.Add(open.Single(c => c.GetProperty("name").GetString() == "ring-" + i).GetProperty("cid").GetUInt64());
        }

        await Natrium.Tests.TestKit.Eventually.TrueAsync(
            async () => (await fixture.GetJsonAsync("/connz?state=closed&acc=C")).GetProperty("connections").EnumerateArray()
                .Select(c => c.GetProperty("cid").GetUInt64()).SequenceEqual(cids.Skip(1)),
            "only the last 2 closed connections are kept (max_closed_clients: 2)");
    }

    [Fact]
    public async Task Jsz_reports_jetstream_accounts_and_their_streams()
    {
        await using var nc = await fixture.ConnectAsync("j", "jsz");
        var js = new NatsJSContext(nc);
        await js.CreateStreamAsync(new StreamConfig("JSZ", ["jsz.>"]));
        await js.PublishAsync("jsz.a", "one");
        await js.PublishAsync("jsz.b", "two");
        await js.CreateOrUpdateConsumerAsync("JSZ", new ConsumerConfig("DUR") { AckPolicy = ConsumerConfigAckPolicy.Explicit });

        var top = await fixture.GetJsonAsync("/jsz");
        Assert.Equal(JszKeys, ConnzTests.Keys(top));
        Assert.Equal(1, top.GetProperty("streams").GetInt32());
        Assert.Equal(1, top.GetProperty("consumers").GetInt32());
        Assert.Equal(2, top.GetProperty("messages").GetInt64());

        var detail = await fixture.GetJsonAsync("/jsz?streams=true&config=true");
        var account = Assert.Single(detail.GetProperty("account_details").EnumerateArray());
        Assert.Equal(["name", "id", "memory", "storage", "reserved_memory", "reserved_storage", "accounts", "ha_assets", "api", "stream_detail"], ConnzTests.Keys(account));
        Assert.Equal("J", account.GetProperty("name").GetString());
        Assert.Equal(ulong.MaxValue, account.GetProperty("reserved_memory").GetUInt64());
        var stream = Assert.Single(account.GetProperty("stream_detail").EnumerateArray());
        Assert.Equal(["name", "created", "cluster", "config", "state"], ConnzTests.Keys(stream));
        Assert.Equal(2UL, stream.GetProperty("state").GetProperty("messages").GetUInt64());
        Assert.Equal("JSZ", stream.GetProperty("config").GetProperty("name").GetString());

        // consumers=true implies streams and accounts, and lists each stream's consumers as CONSUMER.INFO does.
        var withConsumers = Assert.Single(Assert.Single((await fixture.GetJsonAsync("/jsz?consumers=true")).GetProperty("account_details").EnumerateArray())
            .GetProperty("stream_detail").EnumerateArray());
        var consumer = Assert.Single(withConsumers.GetProperty("consumer_detail").EnumerateArray());
        Assert.Equal(["stream_name", "name", "created", "config", "delivered", "ack_floor", "num_ack_pending", "num_redelivered", "num_waiting", "num_pending"],
            ConnzTests.Keys(consumer));
        Assert.Equal("DUR", consumer.GetProperty("name").GetString());
        Assert.Equal(2UL, consumer.GetProperty("num_pending").GetUInt64());
        Assert.Equal(1, withConsumers.GetProperty("state").GetProperty("consumer_count").GetInt32());

        // A server alone with JetStream is its leader (2.9.10, probed): leader-only changes nothing.
        var leader = await fixture.GetJsonAsync("/jsz?leader-only=true&accounts=true");
        Assert.Equal(JszKeys.Append("account_details"), ConnzTests.Keys(leader));
        Assert.Equal(1, leader.GetProperty("streams").GetInt32());
        Assert.Equal("J", Assert.Single(leader.GetProperty("account_details").EnumerateArray()).GetProperty("name").GetString());

        Assert.False((await fixture.GetJsonAsync("/jsz?acc=NOPE")).TryGetProperty("account_details", out _));
        Assert.Equal(JszKeys.Append("account_details"), ConnzTests.Keys(await fixture.GetJsonAsync("/jsz?accounts=1")));
        using (var badOffset = await fixture.Http.GetAsync(fixture.Root + "/jsz?offset=abc"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badOffset.StatusCode);
            Assert.Equal("Error decoding int for 'offset': strconv.Atoi: parsing \"abc\": invalid syntax", await badOffset.Content.ReadAsStringAsync());
        }

        using var bad = await fixture.Http.GetAsync(fixture.Root + "/jsz?consumers=x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Error decoding boolean for 'consumers': strconv.ParseBool: parsing \"x\": invalid syntax", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task System_requests_answer_varz_jsz_account_info_statz_and_statsz()
    {
        await using var sys = await fixture.ConnectAsync("sys", "sys");
        await using var app = await fixture.ConnectAsync("m", "statz-app");
        await app.PublishAsync("statz.x", "abc");
        await app.PingAsync();

        var varz = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.VARZ");
        var id = varz.GetProperty("server").GetProperty("id").GetString()!;
        Assert.Equal(VarzKeys, ConnzTests.Keys(varz.GetProperty("data")));
        Assert.True(varz.GetProperty("server").GetProperty("jetstream").GetBoolean());

        var jsz = await RequestAsync(sys, $"$SYS.REQ.SERVER.{id}.JSZ", "{\"accounts\":true}");
        Assert.Equal(JszKeys.Append("account_details"), ConnzTests.Keys(jsz.GetProperty("data")));
        var leaderJsz = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.JSZ", "{\"leader_only\":true}");
        Assert.Equal(JszKeys, ConnzTests.Keys(leaderJsz.GetProperty("data")));

        var info = (await RequestAsync(sys, "$SYS.REQ.ACCOUNT.M.INFO")).GetProperty("data");
        Assert.Equal("M", info.GetProperty("account_name").GetString());
        Assert.Equal(1, info.GetProperty("client_connections").GetInt32());

        var statz = (await RequestAsync(sys, "$SYS.REQ.ACCOUNT.M.STATZ")).GetProperty("data");
        var entry = Assert.Single(statz.GetProperty("account_statz").EnumerateArray());
        Assert.Equal("M", entry.GetProperty("acc").GetString());
        Assert.True(entry.GetProperty("received").GetProperty("msgs").GetInt64() >= 1);

        var accountJsz = (await RequestAsync(sys, "$SYS.REQ.ACCOUNT.J.JSZ")).GetProperty("data");
        Assert.Equal(["name", "id", "memory", "storage", "reserved_memory", "reserved_storage", "accounts", "ha_assets", "api"], ConnzTests.Keys(accountJsz));

        var statsz = (await RequestAsync(sys, "$SYS.REQ.SERVER.PING")).GetProperty("statsz");
        Assert.Equal(
            ["start", "mem", "cores", "cpu", "connections", "total_connections", "active_accounts", "subscriptions", "sent", "received", "slow_consumers", "active_servers", "jetstream"],
            ConnzTests.Keys(statsz));
        Assert.Equal(["config", "stats"], ConnzTests.Keys(statsz.GetProperty("jetstream")));
        Assert.Equal(["max_memory", "max_storage"], ConnzTests.Keys(statsz.GetProperty("jetstream").GetProperty("config")));
        Assert.True(statsz.GetProperty("received").GetProperty("msgs").GetInt64() >= 1);
        Assert.True(statsz.GetProperty("active_accounts").GetInt32() >= 2);
    }

    /// server_tags as 2.9.10 shows them: trimmed, lowercased, without repeats, in /varz and in
    /// the `$SYS` server object; a tags filter answers only when every tag named is this server's.
    [Fact]
    public async Task Server_tags_show_in_varz_and_the_system_server_object_and_filter_requests()
    {
        var varz = await fixture.GetJsonAsync("/varz");
        Assert.Equal(["az:1", "b", "c"], varz.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        await using var sys = await fixture.ConnectAsync("sys", "sys");
        var server = (await RequestAsync(sys, "$SYS.REQ.SERVER.PING.HEALTHZ", "{\"tags\":[\"AZ:1\",\"c\"]}")).GetProperty("server");
        Assert.Equal(["name", "host", "id", "ver", "tags", "seq", "jetstream", "time"], ConnzTests.Keys(server));
        Assert.Equal(["az:1", "b", "c"], server.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        // A tag this server lacks keeps it silent: nobody answers.
        await Assert.ThrowsAsync<NATS.Client.Core.NatsNoRespondersException>(() => RequestAsync(sys, "$SYS.REQ.SERVER.PING.HEALTHZ", "{\"tags\":[\"b\",\"d\"]}"));
    }

    private static async Task<JsonElement> RequestAsync(NatsConnection sys, string subject, string body = "")
    {
        var reply = await sys.RequestAsync<byte[], byte[]>(subject, Encoding.UTF8.GetBytes(body));
        using var document = JsonDocument.Parse(reply.Data!);
        return document.RootElement.Clone();
    }

    private static long Count(JsonElement varz, string path) =>
        varz.GetProperty("http_req_stats").TryGetProperty(path, out var count) ? count.GetInt64() : 0;
}
