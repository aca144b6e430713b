using System.Net.WebSockets;
using System.Text;
using NATS.Client.Core;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.Integration.Security;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.WebSocket;

/// wss:// with server TLS only (no client certificate asked for) and a users list: a plain
/// password user and a bcrypt one. max_payload is lowered so the limit is this fixture's own.
public sealed class WssPasswordFixture : WssFixtureBase
{
    public const int MaxPayload = 64 * 1024;

    protected override GatewayOptions Template => GatewayOptions.Default with
    {
        MaxPayload = MaxPayload,
        Authorization = new AuthorizationConfig
        {
            Users = [TestSecrets.User("plain", "plain-pw"), TestSecrets.User("hashed", TestSecrets.Bcrypt("hashed-pw"))],
        },
    };
}

/// NATS.Net and nats.ws over wss with passwords: the same protocol, permissions and limits as
/// over ws and TCP, inside the websocket port's TLS.
public sealed class WssPasswordTests(WssPasswordFixture broker) : IClassFixture<WssPasswordFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Password_users_over_wss_get_their_requests_answered()
    {
        await using var responder = await broker.ConnectWssAsync(null, "plain", "plain-pw");
        await using var requester = await broker.ConnectWssAsync(null, "hashed", "hashed-pw");
        await using var service = await responder.SubscribeCoreAsync<string>("wss.echo");
        await responder.PingAsync();
        var serving = Task.Run(async () =>
        {
            var request = await service.Msgs.ReadAsync();
            await request.ReplyAsync("echo:" + request.Data);
        });
        var reply = await requester.RequestAsync<string, string>("wss.echo", "hi").AsTask().WaitAsync(Timeout);
        Assert.Equal("echo:hi", reply.Data);
        await serving;
        Assert.All(broker.A.OpenConnections().Where(c => c.Type == "websocket"), c => Assert.NotNull(c.TlsVersion));
    }

    [Fact]
    public async Task Headers_travel_over_wss_between_a_bcrypt_and_a_plain_password_user()
    {
        await using var sub = await broker.ConnectWssAsync(null, "plain", "plain-pw");
        await using var pub = await broker.ConnectWssAsync(null, "hashed", "hashed-pw");
        await using var s = await sub.SubscribeCoreAsync<string>("wss.headers");
        await sub.PingAsync();
        await pub.PublishAsync("wss.headers", "body", headers: new NatsHeaders { ["X-Test"] = "secure" });
        var msg = await s.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("secure", msg.Headers?["X-Test"].ToString());
        Assert.Equal("body", msg.Data);
    }

    [Fact]
    public async Task Queue_group_members_over_wss_share_the_messages()
    {
        await using var a = await broker.ConnectWssAsync(null, "plain", "plain-pw");
        await using var b = await broker.ConnectWssAsync(null, "hashed", "hashed-pw");
        await using var qa = await a.SubscribeCoreAsync<int>("wss.queue", queueGroup: "workers");
        await using var qb = await b.SubscribeCoreAsync<int>("wss.queue", queueGroup: "workers");
        await a.PingAsync();
        await b.PingAsync();
        const int total = 100;
        for (var i = 0; i < total; i++)
        {
            await b.PublishAsync("wss.queue", i);
        }

        var (received, seenA) = (0, 0);
        await Eventually.TrueAsync(() =>
        {
            for (; qa.Msgs.TryRead(out _); received++, seenA++)
            {
            }

            for (; qb.Msgs.TryRead(out _); received++)
            {
            }

            return received == total;
        }, $"{total} messages, each to one member", () => $"{received}");
        Assert.InRange(seenA, 1, total - 1);
    }

    [Fact]
    public async Task Nats_net_over_wss_learns_max_payload_moves_that_much_and_refuses_more()
    {
        await using var nc = await broker.ConnectWssAsync(null, "plain", "plain-pw");
        await using var s = await nc.SubscribeCoreAsync<byte[]>("wss.large");
        await nc.PingAsync();
        Assert.Equal(WssPasswordFixture.MaxPayload, nc.ServerInfo!.MaxPayload);
        var payload = new byte[WssPasswordFixture.MaxPayload];
        Random.Shared.NextBytes(payload);
        await nc.PublishAsync("wss.large", payload);
        Assert.Equal(payload, (await s.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
        await Assert.ThrowsAnyAsync<NatsException>(async () => await nc.PublishAsync("wss.large", new byte[WssPasswordFixture.MaxPayload + 1]));
    }

    [Fact]
    public async Task Publish_over_max_payload_over_wss_gets_the_error_then_close_1009()
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var client = new ClientWebSocket();
        WssClientOptions.Configure(client.Options, broker.Certificates.CaFile, null);
        await client.ConnectAsync(broker.WsUri(), cancel.Token);
        var info = await ReceiveAsync(client, cancel.Token);
        Assert.StartsWith("INFO ", info);
        var commands = $"CONNECT {{\"user\":\"plain\",\"pass\":\"plain-pw\",\"verbose\":false}}\r\nPUB wss.big {WssPasswordFixture.MaxPayload + 1}\r\n";
        await client.SendAsync(Encoding.UTF8.GetBytes(commands), WebSocketMessageType.Binary, true, cancel.Token);
        var seen = new StringBuilder();
        while (client.State == WebSocketState.Open)
        {
            seen.Append(await ReceiveAsync(client, cancel.Token));
        }

        Assert.Contains("-ERR 'Maximum Payload Violation'\r\n", seen.ToString());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
        Assert.Equal("Maximum Message Payload Exceeded", client.CloseStatusDescription);
    }

    [Fact]
    public async Task Wrong_password_over_wss_is_refused()
    {
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWssAsync(null, "hashed", "plain-pw"));
    }

    [Fact]
    public async Task Natsws_client_over_wss_logs_in_with_a_password_and_runs_every_step()
    {
        var seen = await NatsWsClient.RunAsync(broker.WsUri(), "wss.natsws", new { user = "hashed", pass = "hashed-pw" }, caFile: broker.Certificates.CaFile);
        Assert.Null(seen.Error());
        Assert.Equal("echo:ping", (string?)seen["reply"]);
        Assert.Equal("t1", (string?)seen["header"]);
        Assert.Equal(20, (int?)seen["queue_total"]);
        Assert.Equal(WssPasswordFixture.MaxPayload, (int?)seen["max_payload"]);
        Assert.Equal("MAX_PAYLOAD_EXCEEDED", (string?)seen["oversize"]);
        var refused = await NatsWsClient.RunAsync(broker.WsUri(), "wss.natsws", new { user = "plain", pass = "wrong" }, caFile: broker.Certificates.CaFile);
        Assert.Equal("AUTHORIZATION_VIOLATION", refused.Error());
    }

    /// One whole message as text; empty for the close frame.
    private static async Task<string> ReceiveAsync(ClientWebSocket client, CancellationToken cancel)
    {
        var buffer = new byte[WssPasswordFixture.MaxPayload];
        var text = new StringBuilder();
        WebSocketReceiveResult result;
        do
        {
            result = await client.ReceiveAsync(buffer, cancel);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (!result.EndOfMessage);
        return text.ToString();
    }
}
