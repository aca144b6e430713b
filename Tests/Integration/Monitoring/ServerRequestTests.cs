using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

public sealed class ServerRequestFixture : IAsyncLifetime
{
    public ConfiguredNatrium Natrium { get; private set; } = null!;

    public async Task InitializeAsync() => Natrium = await ConfiguredNatrium.StartAsync("""
        server_name: reqnode
        system_account: SYS
        accounts {
          SYS { users: [ { user: sys, password: p } ] }
          A { users: [ { user: a, password: p } ] }
        }
        """);

    public Task DisposeAsync() => Natrium.DisposeAsync().AsTask();

    public async Task<NatsConnection> ConnectAsync(string user)
    {
        var nc = new NatsConnection(new NatsOpts { Url = Natrium.Url, AuthOpts = new NatsAuthOpts { Username = user, Password = "p" }, Name = user + "-client", RequestTimeout = TimeSpan.FromSeconds(5) });
        await nc.ConnectAsync();
        return nc;
    }
}

/// The monitoring endpoints over the system account (spec/monitoring_cluster.md §8), from a
/// process without an HTTP monitoring port: `{"server":…,"data":…}` answers, the body's JSON
/// options, nats-server's errors, and server filters that keep other servers silent.
public sealed class ServerRequestTests(ServerRequestFixture broker) : IClassFixture<ServerRequestFixture>
{
    [Fact]
    public async Task Ping_connz_lists_this_servers_connections_with_the_json_options()
    {
        await using var sys = await broker.ConnectAsync("sys");
        await using var app = await broker.ConnectAsync("a");
        await using var sub = await app.SubscribeCoreAsync<string>("orders.new");
        await app.PingAsync();

        var reply = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.CONNZ", """{"acc":"A","subscriptions":true}""");
        Assert.Equal("reqnode", reply.GetProperty("server").GetProperty("name").GetString());
        var data = reply.GetProperty("data");
        var connection = Assert.Single(data.GetProperty("connections").EnumerateArray());
        Assert.Equal("a-client", connection.GetProperty("name").GetString());
        Assert.Contains("orders.new", connection.GetProperty("subscriptions_list").EnumerateArray().Select(s => s.GetString()));

        var id = reply.GetProperty("server").GetProperty("id").GetString();
        var subsz = await RequestAsync(sys, $"$SYS.REQ.SERVER.{id}.SUBSZ", """{"subscriptions":true,"account":"A"}""");
        Assert.Contains("orders.new", subsz.GetProperty("data").GetProperty("subscriptions_list").EnumerateArray().Select(s => s.GetProperty("subject").GetString()));

        // The match cache's figures come over $SYS too: a publish to the subscribed subject is
        // a lookup with a cached result of fan-out 1.
        await app.PublishAsync("orders.new", "x");
        await app.PingAsync();
        var stats = (await RequestAsync(sys, "$SYS.REQ.SERVER.PING.SUBSZ", """{"account":"A"}""")).GetProperty("data");
        Assert.True(stats.GetProperty("num_matches").GetInt64() >= 1, stats.ToString());
        Assert.True(stats.GetProperty("num_cache").GetInt64() >= 1, stats.ToString());
        Assert.True(stats.GetProperty("max_fanout").GetInt64() >= 1, stats.ToString());

        var health = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.HEALTHZ", string.Empty);
        Assert.Equal("ok", health.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Statsz_of_a_single_node_has_no_routes()
    {
        await using var sys = await broker.ConnectAsync("sys");
        var statsz = (await RequestAsync(sys, "$SYS.REQ.SERVER.PING.STATSZ", string.Empty)).GetProperty("statsz");
        Assert.True(statsz.TryGetProperty("slow_consumers", out _), statsz.ToString());
        Assert.False(statsz.TryGetProperty("routes", out _), statsz.ToString());
    }

    [Fact]
    public async Task Account_requests_are_pinned_to_their_account_whatever_the_body_names()
    {
        await using var sys = await broker.ConnectAsync("sys");
        await using var app = await broker.ConnectAsync("a");
        await using var sub = await app.SubscribeCoreAsync<string>("pinned.subject");
        await app.PingAsync();

        var connz = await RequestAsync(sys, "$SYS.REQ.ACCOUNT.A.CONNZ", """{"acc":"SYS"}""");
        var names = connz.GetProperty("data").GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["a-client"], names);

        var subsz = await RequestAsync(sys, "$SYS.REQ.ACCOUNT.A.SUBSZ", """{"subscriptions":true}""");
        var subjects = subsz.GetProperty("data").GetProperty("subscriptions_list").EnumerateArray().Select(s => s.GetProperty("subject").GetString()).ToList();
        Assert.Contains("pinned.subject", subjects);

        var none = await RequestAsync(sys, "$SYS.REQ.ACCOUNT.NOBODY.CONNZ", string.Empty);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("data").GetProperty("connections").ValueKind);
    }

    [Fact]
    public async Task Refused_options_and_bad_json_are_answered_with_nats_servers_errors()
    {
        await using var sys = await broker.ConnectAsync("sys");

        var bogus = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.CONNZ", """{"sort":"bogus"}""");
        Assert.Equal(JsonValueKind.Null, bogus.GetProperty("data").ValueKind);
        Assert.Equal(500, bogus.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("invalid sorting option: bogus", bogus.GetProperty("error").GetProperty("description").GetString());

        var broken = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.CONNZ", "{not json");
        Assert.False(broken.TryGetProperty("data", out _));
        Assert.Equal(400, broken.GetProperty("error").GetProperty("code").GetInt32());

        var state = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.CONNZ", """{"state":"closed"}""");
        Assert.Equal(400, state.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_server_filter_that_names_another_server_keeps_this_one_silent()
    {
        await using var sys = await broker.ConnectAsync("sys");
        var silent = await Record.ExceptionAsync(() => RequestAsync(sys, "$SYS.REQ.SERVER.PING.CONNZ", """{"server_name":"elsewhere"}"""));
        Assert.True(silent is NatsNoRespondersException or NatsNoReplyException, $"expected no answer, got {silent?.GetType().Name ?? "an answer"}");

        var named = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.CONNZ", """{"server_name":"reqnode"}""");
        Assert.Equal("reqnode", named.GetProperty("server").GetProperty("name").GetString());
    }

    /// nats-server 2.9.10 without JetStream is no JetStream leader (probed): leader_only keeps
    /// it silent, as a non-leader of a cluster is.
    [Fact]
    public async Task Jsz_leader_only_keeps_a_server_without_jetstream_silent()
    {
        await using var sys = await broker.ConnectAsync("sys");
        var silent = await Record.ExceptionAsync(() => RequestAsync(sys, "$SYS.REQ.SERVER.PING.JSZ", """{"leader_only":true}"""));
        Assert.True(silent is NatsNoRespondersException or NatsNoReplyException, $"expected no answer, got {silent?.GetType().Name ?? "an answer"}");

        var answered = await DataAsync(sys, "$SYS.REQ.SERVER.PING.JSZ", """{"leader_only":false}""");
        Assert.True(answered.GetProperty("disabled").GetBoolean(), answered.ToString());
    }

    /// What an ordinary account imports from the system account answers for that account only
    /// (AccountSystemRequestTests); the server's own requests have no responder there.
    [Fact]
    public async Task Ordinary_accounts_never_see_the_servers_connections()
    {
        await using var sys = await broker.ConnectAsync("sys");
        await using var app = await broker.ConnectAsync("a");
        var own = await RequestAsync(app, "$SYS.REQ.SERVER.PING.CONNZ", string.Empty);
        var names = own.GetProperty("data").GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("sys-client", names);
        Assert.Contains("a-client", names);

        var refused = await Record.ExceptionAsync(() => RequestAsync(app, "$SYS.REQ.SERVER.PING.VARZ", string.Empty));
        Assert.True(refused is NatsNoRespondersException, $"an ordinary account got {refused?.GetType().Name ?? "an answer"}");
    }

    /// nats-server 2.9.10 alone (probed): the envelope's server, then the HTTP endpoint's body
    /// of a server without routes, gateways or leaf nodes.
    [Fact]
    public async Task Routez_gatewayz_leafz_and_accountz_answer_with_the_data_of_a_server_without_routes_gateways_or_leafs()
    {
        await using var sys = await broker.ConnectAsync("sys");
        await using var app = await broker.ConnectAsync("a");

        var routez = await DataAsync(sys, "$SYS.REQ.SERVER.PING.ROUTEZ", """{"subscriptions":true}""");
        Assert.Equal(["server_id", "now", "num_routes", "routes"], Keys(routez));
        Assert.Equal(0, routez.GetProperty("num_routes").GetInt32());
        Assert.Equal(0, routez.GetProperty("routes").GetArrayLength());

        var gatewayz = await DataAsync(sys, "$SYS.REQ.SERVER.PING.GATEWAYZ", string.Empty);
        Assert.Equal(["server_id", "now", "outbound_gateways", "inbound_gateways"], Keys(gatewayz));
        Assert.Empty(Keys(gatewayz.GetProperty("outbound_gateways")));
        Assert.Empty(Keys(gatewayz.GetProperty("inbound_gateways")));

        foreach (var subject in new[] { "$SYS.REQ.SERVER.PING.LEAFZ", "$SYS.REQ.ACCOUNT.A.LEAFZ" })
        {
            var leafz = await DataAsync(sys, subject, """{"subscriptions":true}""");
            Assert.Equal(["server_id", "now", "leafnodes", "leafs"], Keys(leafz));
            Assert.Equal(0, leafz.GetProperty("leafnodes").GetInt32());
            Assert.Equal(JsonValueKind.Null, leafz.GetProperty("leafs").ValueKind);
        }

        var accountz = await DataAsync(sys, "$SYS.REQ.SERVER.PING.ACCOUNTZ", string.Empty);
        Assert.Equal(["server_id", "now", "system_account", "accounts"], Keys(accountz));
        Assert.Equal("SYS", accountz.GetProperty("system_account").GetString());
        Assert.Equal(["$G", "A", "SYS"], accountz.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()).Order(StringComparer.Ordinal));

        var detail = await DataAsync(sys, "$SYS.REQ.SERVER.PING.ACCOUNTZ", """{"account":"A"}""");
        Assert.Equal(["server_id", "now", "system_account", "account_detail"], Keys(detail));
        Assert.Equal("A", detail.GetProperty("account_detail").GetProperty("account_name").GetString());
        Assert.Equal(1, detail.GetProperty("account_detail").GetProperty("client_connections").GetInt32());

        var unknown = await RequestAsync(sys, "$SYS.REQ.SERVER.PING.ACCOUNTZ", """{"account":"NOPE"}""");
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("data").ValueKind);
        Assert.Equal(500, unknown.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Account NOPE does not exist", unknown.GetProperty("error").GetProperty("description").GetString());
    }

    /// The answer's data, after checking the envelope names this server and carries its id.
    private static async Task<JsonElement> DataAsync(NatsConnection nc, string subject, string body)
    {
        var reply = await RequestAsync(nc, subject, body);
        Assert.Equal(["server", "data"], Keys(reply));
        var server = reply.GetProperty("server");
        Assert.Equal(["name", "host", "id", "ver", "seq", "jetstream", "time"], Keys(server));
        Assert.Equal("reqnode", server.GetProperty("name").GetString());
        var data = reply.GetProperty("data");
        Assert.Equal(server.GetProperty("id").GetString(), data.GetProperty("server_id").GetString());
        return data;
    }

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static async Task<JsonElement> RequestAsync(NatsConnection nc, string subject, string body)
    {
        var reply = await nc.RequestAsync<byte[], byte[]>(subject, Encoding.UTF8.GetBytes(body), replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(2) });
        if (reply.HasNoResponders)
        {
            throw new NatsNoRespondersException();
        }

        return JsonDocument.Parse(reply.Data!).RootElement.Clone();
    }
}
