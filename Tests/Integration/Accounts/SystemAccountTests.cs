using System.Text.Json;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Accounts;

public sealed class SystemAccountFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        SystemAccount = "SYS",
        Authorization = new AuthorizationConfig
        {
            HasAccounts = true,
            Users = [new UserConfig("a", "pw", null, "A", null, []), new UserConfig("sys", "pw", null, "SYS", null, [])],
        },
        Accounts = [new AccountConfig("A", [], [], [], false), new AccountConfig("SYS", [], [], [], false)],
    };
}

/// System account events and the server PING (spec/accounts.md §7), seen only by system users.
public sealed class SystemAccountTests(SystemAccountFixture broker) : IClassFixture<SystemAccountFixture>
{
    private static string Login(string user, string pass = "pw") => $"CONNECT {{\"verbose\":false,\"user\":\"{user}\",\"pass\":\"{pass}\",\"name\":\"{user}-client\",\"lang\":\"raw\"}}\r\n";

    [Fact]
    public async Task System_user_sees_connect_disconnect_and_auth_errors_and_others_see_nothing()
    {
        var (s, _) = await RawClient.ConnectAsync(broker.PortB);
        var (o, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var sys = s;
        await using var outsider = o;
        await sys.SendAsync(Login("sys") + "SUB $SYS.ACCOUNT.A.> 1\r\nSUB $SYS.SERVER.*.CLIENT.AUTH.ERR 2\r\n");
        await sys.PingAsync();
        await outsider.SendAsync(Login("a") + "SUB $SYS.> 9\r\n");
        await outsider.PingAsync();

        // The outsider's own connect event is already on its way to the system user.
        var connect = await NextEventAsync(sys, "$SYS.ACCOUNT.A.CONNECT");
        Assert.Equal("io.nats.server.advisory.v1.client_connect", connect.GetProperty("type").GetString());
        Assert.Equal("A", connect.GetProperty("client").GetProperty("acc").GetString());
        Assert.Equal("a", connect.GetProperty("client").GetProperty("user").GetString());
        Assert.Equal("a-client", connect.GetProperty("client").GetProperty("name").GetString());
        Assert.Equal(22, connect.GetProperty("id").GetString()!.Length);

        var (bad, _) = await RawClient.ConnectAsync(broker.PortA);
        await using (bad)
        {
            await bad.SendAsync(Login("a", "wrong"));
            await bad.ExpectClosedAsync();
        }

        var authError = await NextEventAsync(sys, "$SYS.SERVER.");
        Assert.Equal("Authentication Failure", authError.GetProperty("reason").GetString());

        await outsider.SendAsync("PUB a.x 2\r\nhi\r\nPING\r\n");
        var seen = await outsider.ReadThroughAsync("PONG\r\n");
        Assert.DoesNotContain("$SYS", seen, StringComparison.Ordinal);
        await outsider.DisposeAsync();

        var disconnect = await NextEventAsync(sys, "$SYS.ACCOUNT.A.DISCONNECT");
        Assert.Equal("Client Closed", disconnect.GetProperty("reason").GetString());
        Assert.Equal(1, disconnect.GetProperty("received").GetProperty("msgs").GetInt64());
    }

    [Fact]
    public async Task Server_ping_is_answered_by_every_gateway()
    {
        var (s, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var sys = s;
        await sys.SendAsync(Login("sys") + "SUB _INBOX.ping 1\r\n");
        await sys.PingAsync();
        await sys.SendAsync("PUB $SYS.REQ.SERVER.PING _INBOX.ping 0\r\n\r\n");
        var first = await NextEventAsync(sys, "_INBOX.ping");
        var second = await NextEventAsync(sys, "_INBOX.ping");
        var ids = new[] { first, second }.Select(e => e.GetProperty("server").GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { broker.A.ServerId, broker.B.ServerId }, ids);
        Assert.True(first.GetProperty("statsz").GetProperty("connections").GetInt32() >= 0);
    }

    [Fact]
    public async Task Account_connection_counts_are_answered_per_server()
    {
        var (a1, _) = await RawClient.ConnectAsync(broker.PortA);
        var (s, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var app = a1;
        await using var sys = s;
        await app.SendAsync(Login("a"));
        await app.PingAsync();
        await sys.SendAsync(Login("sys") + "SUB _INBOX.conns 1\r\n");
        await sys.PingAsync();
        await sys.SendAsync("PUB $SYS.REQ.ACCOUNT.A.CONNS _INBOX.conns 0\r\n\r\n");

        // As 2.9.10: the bare advisory, only from the gateway where A has connections (A's
        // only client is on gateway A; gateway B stays silent, so one answer comes).
        var answer = await NextEventAsync(sys, "_INBOX.conns");
        Assert.Equal(broker.A.ServerId, answer.GetProperty("server").GetProperty("id").GetString());
        Assert.Equal("io.nats.server.advisory.v1.account_connections", answer.GetProperty("type").GetString());
        Assert.Equal("A", answer.GetProperty("acc").GetString());
        Assert.True(answer.GetProperty("conns").GetInt32() >= 1, "gateway A counts the client of A");
        await sys.SendAsync("PUB $SYS.REQ.SERVER.PING _INBOX.conns 0\r\n\r\n");
        Assert.True((await NextEventAsync(sys, "_INBOX.conns")).TryGetProperty("statsz", out _), "the next message on the inbox is the PING's, not gateway B's CONNS");
    }

    [Fact]
    public async Task Account_connection_changes_are_announced_on_the_current_and_legacy_subjects()
    {
        var (s, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var sys = s;
        await sys.SendAsync(Login("sys") + "SUB $SYS.ACCOUNT.A.SERVER.CONNS 1\r\nSUB $SYS.SERVER.ACCOUNT.A.CONNS 2\r\n");
        await sys.PingAsync();

        var (a1, _) = await RawClient.ConnectAsync(broker.PortA);
        await using (var app = a1)
        {
            await app.SendAsync(Login("a"));
            await app.PingAsync();
            foreach (var subject in new[] { "$SYS.ACCOUNT.A.SERVER.CONNS", "$SYS.SERVER.ACCOUNT.A.CONNS" })
            {
                var up = await NextEventAsync(sys, subject);
                Assert.Equal("io.nats.server.advisory.v1.account_connections", up.GetProperty("type").GetString());
                Assert.Equal("A", up.GetProperty("acc").GetString());
                Assert.Equal(broker.A.ServerId, up.GetProperty("server").GetProperty("id").GetString());
                Assert.Equal(1, up.GetProperty("conns").GetInt32());
                Assert.Equal(1, up.GetProperty("total_conns").GetInt32());
                Assert.Equal(0, up.GetProperty("leafnodes").GetInt32());
            }
        }

        foreach (var subject in new[] { "$SYS.ACCOUNT.A.SERVER.CONNS", "$SYS.SERVER.ACCOUNT.A.CONNS" })
        {
            Assert.Equal(0, (await NextEventAsync(sys, subject)).GetProperty("conns").GetInt32());
        }
    }

    [Fact]
    public async Task Monitoring_requests_are_answered_by_every_gateway_for_its_own_connections()
    {
        foreach (var gateway in new[] { broker.A, broker.B })
        {
            var server = new Natrium.Silo.Monitoring.MonitoredServer([gateway], DateTimeOffset.UtcNow, new(), new());
            gateway.ServerMonitoring = (node, endpoint, options, account) => Natrium.Silo.Monitoring.ServerMonitoringRequests.Answer(server, endpoint, options, account);
        }

        var (a1, _) = await RawClient.ConnectAsync(broker.PortB);
        var (s, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var app = a1;
        await using var sys = s;
        await app.SendAsync(Login("a"));
        await app.PingAsync();
        await sys.SendAsync(Login("sys") + "SUB _INBOX.connz 1\r\n");
        await sys.PingAsync();
        await sys.SendAsync("PUB $SYS.REQ.SERVER.PING.CONNZ _INBOX.connz 11\r\n{\"acc\":\"A\"}\r\n");
        var answers = new[] { await NextEventAsync(sys, "_INBOX.connz"), await NextEventAsync(sys, "_INBOX.connz") };
        var byServer = answers.ToDictionary(x => x.GetProperty("server").GetProperty("id").GetString()!, x => x.GetProperty("data").GetProperty("num_connections").GetInt32());
        Assert.Equal(1, byServer[broker.B.ServerId]);
        Assert.Equal(0, byServer[broker.A.ServerId]);
    }

    [Fact]
    public async Task Statsz_is_published_periodically_to_whoever_listens()
    {
        var (s, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var sys = s;
        await sys.SendAsync(Login("sys") + "SUB $SYS.SERVER.*.STATSZ 1\r\n");
        await sys.PingAsync();

        // The interval doubles from 250 ms to 30 s: at most one interval's wait.
        var line = await sys.ExpectLineAsync("MSG ", TimeSpan.FromSeconds(35));
        Assert.Matches(@"^MSG \$SYS\.SERVER\.N[A-Z0-9]+\.STATSZ 1 \d+", line);
        var payload = await sys.ReadThroughAsync("\r\n");
        using var json = JsonDocument.Parse(payload.TrimEnd());
        var server = json.RootElement.GetProperty("server").GetProperty("id").GetString();
        Assert.Contains(server, new[] { broker.A.ServerId, broker.B.ServerId });
        Assert.Contains(server!, line, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("statsz").GetProperty("connections").ValueKind);
    }

    /// Reads MSG lines until one whose subject starts with prefix; returns its JSON payload.
    private static async Task<JsonElement> NextEventAsync(RawClient client, string prefix)
    {
        while (true)
        {
            var line = await client.ExpectLineAsync("MSG ");
            var parts = line.Split(' ');
            var size = int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture);
            var payload = await client.ReadThroughAsync("\r\n");
            while (payload.Length < size + 2)
            {
                payload += await client.ReadThroughAsync("\r\n");
            }

            if (parts[1].StartsWith(prefix, StringComparison.Ordinal))
            {
                return JsonDocument.Parse(payload[..size]).RootElement.Clone();
            }
        }
    }
}
