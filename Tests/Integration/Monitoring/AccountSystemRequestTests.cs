using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

public sealed class AccountSystemRequestFixture : IAsyncLifetime
{
    public ConfiguredNatrium Natrium { get; private set; } = null!;

    public async Task InitializeAsync() => Natrium = await ConfiguredNatrium.StartAsync("""
        server_name: tenantnode
        system_account: SYS
        accounts {
          SYS { users: [ { user: sys, password: p } ] }
          A { users: [ { user: a, password: p } ] }
          B { users: [ { user: b, password: p } ] }
          C { users: [ { user: c, password: p } ] }
        }
        """);

    public Task DisposeAsync() => Natrium.DisposeAsync().AsTask();

    public async Task<NatsConnection> ConnectAsync(string user, string name)
    {
        var nc = new NatsConnection(new NatsOpts { Url = Natrium.Url, AuthOpts = new NatsAuthOpts { Username = user, Password = "p" }, Name = name });
        await nc.ConnectAsync();
        return nc;
    }
}

/// The system account's requests every account imports (spec/accounts.md §7, seen on 2.9.10):
/// `$SYS.REQ.ACCOUNT.PING.CONNZ`, `$SYS.REQ.SERVER.PING.CONNZ` and `$SYS.REQ.ACCOUNT.PING.STATZ`
/// from an ordinary account answer for that account only, whatever the request body names;
/// and the account connection counts with the account's traffic.
public sealed class AccountSystemRequestTests(AccountSystemRequestFixture broker) : IClassFixture<AccountSystemRequestFixture>
{
    private static readonly string[] ImportedSubjects = ["$SYS.REQ.ACCOUNT.PING.CONNZ", "$SYS.REQ.SERVER.PING.CONNZ", "$SYS.REQ.ACCOUNT.PING.STATZ"];

    [Fact]
    public async Task Ordinary_account_pings_are_answered_with_its_own_connections_and_statistics()
    {
        await using var tenantA = await broker.ConnectAsync("a", "own-a");
        await using var tenantB = await broker.ConnectAsync("b", "own-b");
        await using var sub = await tenantB.SubscribeCoreAsync<string>("own.b.subject");
        await tenantB.PingAsync();

        foreach (var subject in new[] { "$SYS.REQ.ACCOUNT.PING.CONNZ", "$SYS.REQ.SERVER.PING.CONNZ" })
        {
            var reply = await RequestAsync(tenantB, subject, """{"subscriptions":true,"auth":true}""");
            Assert.Equal("tenantnode", reply.GetProperty("server").GetProperty("name").GetString());
            var connection = Assert.Single(reply.GetProperty("data").GetProperty("connections").EnumerateArray());
            Assert.Equal("own-b", connection.GetProperty("name").GetString());
            Assert.Equal("B", connection.GetProperty("account").GetString());
            Assert.Contains("own.b.subject", connection.GetProperty("subscriptions_list").EnumerateArray().Select(s => s.GetString()));
        }

        var statz = await RequestAsync(tenantB, "$SYS.REQ.ACCOUNT.PING.STATZ", string.Empty);
        var account = Assert.Single(statz.GetProperty("data").GetProperty("account_statz").EnumerateArray());
        Assert.Equal("B", account.GetProperty("acc").GetString());
        Assert.Equal(1, account.GetProperty("conns").GetInt32());
        Assert.True(account.GetProperty("received").GetProperty("msgs").GetInt64() >= 2, "B's two earlier requests count as received");
    }

    [Fact]
    public async Task Bad_options_from_an_ordinary_account_get_nats_servers_errors()
    {
        await using var tenant = await broker.ConnectAsync("b", "errors-b");
        var bogus = await RequestAsync(tenant, "$SYS.REQ.ACCOUNT.PING.CONNZ", """{"sort":"bogus"}""");
        Assert.Equal(JsonValueKind.Null, bogus.GetProperty("data").ValueKind);
        Assert.Equal(500, bogus.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("invalid sorting option: bogus", bogus.GetProperty("error").GetProperty("description").GetString());

        var broken = await RequestAsync(tenant, "$SYS.REQ.ACCOUNT.PING.STATZ", "{bad");
        Assert.False(broken.TryGetProperty("data", out _));
        Assert.Equal(400, broken.GetProperty("error").GetProperty("code").GetInt32());

        var silent = await Record.ExceptionAsync(() => RequestAsync(tenant, "$SYS.REQ.SERVER.PING.CONNZ", """{"server_name":"elsewhere"}""", TimeSpan.FromSeconds(1)));
        Assert.True(silent is NatsNoRespondersException or NatsNoReplyException, $"expected no answer, got {silent?.GetType().Name ?? "an answer"}");
    }

    /// nats-server 2.9.10 gives B another account's open connection when the body names its
    /// cid; Natrium keeps every variant inside the requester's account.
    [Fact]
    public async Task A_tenant_never_sees_another_tenants_connections_whatever_it_asks()
    {
        await using var victim = await broker.ConnectAsync("a", "victim-a");
        await using var victimSub = await victim.SubscribeCoreAsync<string>("victim.private.orders");
        await using (var closed = await broker.ConnectAsync("a", "victim-a-closed"))
        {
            await closed.PingAsync();
        }

        var own = await RequestAsync(victim, "$SYS.REQ.ACCOUNT.PING.CONNZ", string.Empty);
        var victimCid = own.GetProperty("data").GetProperty("connections").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "victim-a").GetProperty("cid").GetUInt64();
        await using var attacker = await broker.ConnectAsync("b", "attacker-b");
        await attacker.PingAsync();

        string[] bodies =
        [
            string.Empty, """{"account":"A"}""", """{"acc":"A"}""", """{"accounts":["A"]}""", """{"accounts":["A","SYS"],"include_unused":true}""",
            $$"""{"cid":{{victimCid}}}""", $$"""{"cid":{{victimCid}},"state":2}""", $$"""{"cid":{{victimCid}},"state":1}""", """{"state":1}""", """{"state":2}""",
            """{"user":"a"}""", """{"auth":true,"subscriptions":true,"subscriptions_detail":true,"limit":100000}""", """{"sort":"msgs_to","offset":0}""",
            """{"account":"A","acc":"A","accounts":["A"],"user":"a","filter_subject":"victim.>"}""", """{"server_name":"tenantnode","account":"A"}""",
        ];
        foreach (var subject in ImportedSubjects)
        {
            foreach (var body in bodies)
            {
                var text = await RequestTextAsync(attacker, subject, body);
                Assert.DoesNotContain("victim", text, StringComparison.Ordinal);
                using var json = JsonDocument.Parse(text);
                if (!json.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (data.TryGetProperty("connections", out var connections) && connections.ValueKind == JsonValueKind.Array)
                {
                    Assert.All(connections.EnumerateArray(), c => Assert.NotEqual(victimCid, c.GetProperty("cid").GetUInt64()));
                }

                if (data.TryGetProperty("account_statz", out var statz))
                {
                    Assert.All(statz.EnumerateArray(), a => Assert.Equal("B", a.GetProperty("acc").GetString()));
                }
            }
        }

        // Every other system request, the victim's account named in the subject included, has no responder.
        foreach (var subject in new[]
        {
            "$SYS.REQ.ACCOUNT.A.CONNZ", "$SYS.REQ.ACCOUNT.A.STATZ", "$SYS.REQ.ACCOUNT.A.CONNS", "$SYS.REQ.ACCOUNT.A.INFO", "$SYS.REQ.ACCOUNT.A.SUBSZ",
            "$SYS.REQ.ACCOUNT.B.CONNZ", "$SYS.REQ.SERVER.PING", "$SYS.REQ.SERVER.PING.VARZ", "$SYS.REQ.SERVER.PING.SUBSZ", "$SYS.REQ.SERVER.PING.ACCOUNTZ",
        })
        {
            var refused = await Record.ExceptionAsync(() => RequestTextAsync(attacker, subject, """{"account":"A"}"""));
            Assert.IsType<NatsNoRespondersException>(refused);
        }
    }

    [Fact]
    public async Task Another_tenants_answers_never_reach_a_wildcard_subscriber()
    {
        await using var eavesdropper = await broker.ConnectAsync("b", "eavesdropper-b");
        await using var everything = await eavesdropper.SubscribeCoreAsync<byte[]>(">");
        await eavesdropper.PingAsync();
        await using var tenant = await broker.ConnectAsync("a", "asking-a");
        foreach (var subject in ImportedSubjects)
        {
            await RequestAsync(tenant, subject, string.Empty);
        }

        // A marker published by B itself after A's answers: if anything of A's had reached B, it came first.
        await eavesdropper.PublishAsync("marker.b", Array.Empty<byte>());
        var first = await everything.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("marker.b", first.Subject);
    }

    [Fact]
    public async Task The_system_account_answers_for_every_account_and_its_own_ping_connz_names_no_account()
    {
        await using var sys = await broker.ConnectAsync("sys", "sys-client");
        await using var tenant = await broker.ConnectAsync("a", "seen-by-sys-a");
        await tenant.PingAsync();

        var all = await RequestTextAsync(sys, "$SYS.REQ.SERVER.PING.CONNZ", string.Empty);
        Assert.Contains("seen-by-sys-a", all, StringComparison.Ordinal);

        // From the system account `PING` is the account token, as on 2.9.10: an empty answer.
        var ping = await RequestAsync(sys, "$SYS.REQ.ACCOUNT.PING.CONNZ", string.Empty);
        Assert.Equal(JsonValueKind.Null, ping.GetProperty("data").GetProperty("connections").ValueKind);

        var statz = await RequestAsync(sys, "$SYS.REQ.ACCOUNT.PING.STATZ", string.Empty);
        Assert.Contains("A", statz.GetProperty("data").GetProperty("account_statz").EnumerateArray().Select(a => a.GetProperty("acc").GetString()));
    }

    [Fact]
    public async Task Account_info_lists_the_implicit_imports_and_the_system_exports_behind_them()
    {
        await using var sys = await broker.ConnectAsync("sys", "info-sys");
        var info = await RequestAsync(sys, "$SYS.REQ.ACCOUNT.B.INFO", string.Empty);
        var imports = info.GetProperty("data").GetProperty("imports").EnumerateArray()
            .Select(i => (i.GetProperty("subject").GetString(), i.GetProperty("account").GetString(), i.GetProperty("to").GetString(), i.GetProperty("type").GetString()))
            .ToList();
        Assert.Equal(
            [
                ("$SYS.REQ.ACCOUNT.PING.CONNZ", "SYS", "$SYS.REQ.ACCOUNT.B.CONNZ", "service"),
                ("$SYS.REQ.SERVER.PING.CONNZ", "SYS", "$SYS.REQ.ACCOUNT.B.CONNZ", "service"),
                ("$SYS.REQ.ACCOUNT.PING.STATZ", "SYS", "$SYS.REQ.ACCOUNT.B.STATZ", "service"),
            ],
            imports);

        var system = await RequestAsync(sys, "$SYS.REQ.ACCOUNT.SYS.INFO", string.Empty);
        Assert.False(system.GetProperty("data").TryGetProperty("imports", out _));
        var exports = system.GetProperty("data").GetProperty("exports").EnumerateArray()
            .Select(e => (e.GetProperty("subject").GetString(), e.GetProperty("response_type").GetString())).ToList();
        Assert.Equal([("$SYS.REQ.ACCOUNT.*.CONNZ", "Streamed"), ("$SYS.REQ.ACCOUNT.*.STATZ", "Streamed")], exports);
    }

    /// Account C is this test's alone, so its traffic since start is exactly what it does here.
    [Fact]
    public async Task Account_connection_counts_carry_the_accounts_traffic()
    {
        await using var sys = await broker.ConnectAsync("sys", "conns-sys");
        await using var current = await sys.SubscribeCoreAsync<byte[]>("$SYS.ACCOUNT.C.SERVER.CONNS");
        await using var legacy = await sys.SubscribeCoreAsync<byte[]>("$SYS.SERVER.ACCOUNT.C.CONNS");
        await sys.PingAsync();

        await using (var tenant = await broker.ConnectAsync("c", "counted-c"))
        {
            await using var echo = await tenant.SubscribeCoreAsync<string>("c.echo");
            await tenant.PingAsync();
            for (var i = 0; i < 3; i++)
            {
                await tenant.PublishAsync("c.echo", "hello");
            }

            for (var i = 0; i < 3; i++)
            {
                await echo.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            }

            var answer = await RequestAsync(sys, "$SYS.REQ.ACCOUNT.C.CONNS", string.Empty);
            Assert.Equal("io.nats.server.advisory.v1.account_connections", answer.GetProperty("type").GetString());
            Assert.Equal("tenantnode", answer.GetProperty("server").GetProperty("name").GetString());
            Assert.False(answer.TryGetProperty("data", out _));
            AssertCounts(answer, conns: 1, messages: 3, bytes: 15);

            var up = await NextJsonAsync(current);
            Assert.Equal(1, up.GetProperty("conns").GetInt32());
            await NextJsonAsync(legacy);
        }

        var down = await NextJsonAsync(current);
        var downLegacy = await NextJsonAsync(legacy);
        AssertCounts(down, conns: 0, messages: 3, bytes: 15);
        AssertCounts(downLegacy, conns: 0, messages: 3, bytes: 15);
        Assert.Equal(down.GetProperty("id").GetString(), downLegacy.GetProperty("id").GetString());
        Assert.NotEqual(down.GetProperty("server").GetProperty("seq").GetInt64(), downLegacy.GetProperty("server").GetProperty("seq").GetInt64());

        // No connection of C here any more: this server stays silent, as 2.9.10.
        var silent = await Record.ExceptionAsync(() => RequestAsync(sys, "$SYS.REQ.ACCOUNT.C.CONNS", string.Empty, TimeSpan.FromMilliseconds(500)));
        Assert.IsType<NatsNoReplyException>(silent);
    }

    private static void AssertCounts(JsonElement e, int conns, long messages, long bytes)
    {
        Assert.Equal("C", e.GetProperty("acc").GetString());
        Assert.Equal(conns, e.GetProperty("conns").GetInt32());
        Assert.Equal(conns, e.GetProperty("total_conns").GetInt32());
        Assert.Equal(0, e.GetProperty("leafnodes").GetInt32());
        Assert.Equal(messages, e.GetProperty("received").GetProperty("msgs").GetInt64());
        Assert.Equal(bytes, e.GetProperty("received").GetProperty("bytes").GetInt64());
        Assert.Equal(messages, e.GetProperty("sent").GetProperty("msgs").GetInt64());
        Assert.Equal(bytes, e.GetProperty("sent").GetProperty("bytes").GetInt64());
        Assert.Equal(0, e.GetProperty("slow_consumers").GetInt64());
    }

    private static async Task<JsonElement> NextJsonAsync(INatsSub<byte[]> sub)
    {
        var msg = await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return JsonDocument.Parse(msg.Data!).RootElement.Clone();
    }

    private static async Task<JsonElement> RequestAsync(NatsConnection nc, string subject, string body, TimeSpan? timeout = null) =>
        JsonDocument.Parse(await RequestTextAsync(nc, subject, body, timeout)).RootElement.Clone();

    private static async Task<string> RequestTextAsync(NatsConnection nc, string subject, string body, TimeSpan? timeout = null)
    {
        var reply = await nc.RequestAsync<byte[], byte[]>(subject, Encoding.UTF8.GetBytes(body), replyOpts: new NatsSubOpts { Timeout = timeout ?? TimeSpan.FromSeconds(5) });
        if (reply.HasNoResponders)
        {
            throw new NatsNoRespondersException();
        }

        return Encoding.UTF8.GetString(reply.Data!);
    }
}
