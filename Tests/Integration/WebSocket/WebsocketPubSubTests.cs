using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.WebSocket;

/// NATS.Net over ws:// goes through the same parser, permission checks and routing as TCP:
/// messages cross between WebSocket and TCP clients and between gateways.
public sealed class WebsocketPubSubTests(WebsocketFixture broker) : IClassFixture<WebsocketFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Websocket_publish_reaches_websocket_subscriber()
    {
        await using var sub = await broker.ConnectWsAsync();
        await using var pub = await broker.ConnectWsAsync();
        await using var s = await sub.SubscribeCoreAsync<string>("ws.simple");
        await sub.PingAsync();
        await pub.PublishAsync("ws.simple", "hello");
        var msg = await s.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("hello", msg.Data);
    }

    [Fact]
    public async Task Messages_cross_between_websocket_and_tcp_clients_on_other_gateways()
    {
        await using var ws = await broker.ConnectWsAsync();
        await using var tcp = await broker.ConnectAsync(toB: true);
        await using var onWs = await ws.SubscribeCoreAsync<string>("ws.cross.to-ws");
        await using var onTcp = await tcp.SubscribeCoreAsync<string>("ws.cross.to-tcp");
        await ws.PingAsync();
        await tcp.PingAsync();
        await Eventually.TrueAsync(async () =>
        {
            await tcp.PublishAsync("ws.cross.to-ws", "from-tcp");
            await ws.PublishAsync("ws.cross.to-tcp", "from-ws");
            await Task.WhenAll(tcp.PingAsync().AsTask(), ws.PingAsync().AsTask());
            return onWs.Msgs.TryRead(out _) && onTcp.Msgs.TryRead(out _);
        }, "interest to propagate between gateways and messages to cross both ways");
    }

    [Fact]
    public async Task Headers_travel_over_websocket()
    {
        await using var nc = await broker.ConnectWsAsync();
        await using var s = await nc.SubscribeCoreAsync<string>("ws.headers");
        await nc.PingAsync();
        await nc.PublishAsync("ws.headers", "body", headers: new NatsHeaders { ["X-Test"] = "yes" });
        var msg = await s.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("yes", msg.Headers?["X-Test"].ToString());
        Assert.Equal("body", msg.Data);
    }

    [Fact]
    public async Task Request_reply_over_websocket()
    {
        await using var responder = await broker.ConnectWsAsync();
        await using var requester = await broker.ConnectWsAsync();
        await using var service = await responder.SubscribeCoreAsync<string>("ws.echo");
        await responder.PingAsync();
        var serving = Task.Run(async () =>
        {
            var request = await service.Msgs.ReadAsync();
            await request.ReplyAsync("echo:" + request.Data);
        });
        var reply = await requester.RequestAsync<string, string>("ws.echo", "hi").AsTask().WaitAsync(Timeout);
        Assert.Equal("echo:hi", reply.Data);
        await serving;
    }

    [Fact]
    public async Task Queue_group_members_over_websocket_share_the_messages()
    {
        await using var a = await broker.ConnectWsAsync();
        await using var b = await broker.ConnectWsAsync();
        await using var qa = await a.SubscribeCoreAsync<int>("ws.queue", queueGroup: "workers");
        await using var qb = await b.SubscribeCoreAsync<int>("ws.queue", queueGroup: "workers");
        await a.PingAsync();
        await b.PingAsync();
        const int total = 200;
        for (var i = 0; i < total; i++)
        {
            await a.PublishAsync("ws.queue", i);
        }

        var received = 0;
        var seenA = 0;
        await Eventually.TrueAsync(() =>
        {
            while (qa.Msgs.TryRead(out _))
            {
                received++;
                seenA++;
            }

            while (qb.Msgs.TryRead(out _))
            {
                received++;
            }

            return received == total;
        }, $"{total} messages, each to one member", () => $"{received}");
        Assert.InRange(seenA, 1, total - 1);
    }

    [Fact]
    public async Task Large_message_up_to_max_payload_arrives_whole()
    {
        await using var nc = await broker.ConnectWsAsync();
        await using var s = await nc.SubscribeCoreAsync<byte[]>("ws.large");
        await nc.PingAsync();
        var payload = new byte[nc.ServerInfo!.MaxPayload];
        Random.Shared.NextBytes(payload);
        await nc.PublishAsync("ws.large", payload);
        var msg = await s.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(payload, msg.Data);
    }

    [Fact]
    public async Task Websocket_client_shows_as_websocket_type()
    {
        await using var nc = await broker.ConnectWsAsync();
        await nc.PingAsync();
        var snapshots = broker.A.OpenConnections().Where(c => c.Name == "ws-test").ToList();
        Assert.NotEmpty(snapshots);
        Assert.All(snapshots, c => Assert.Equal("websocket", c.Type));
        await using var tcp = await broker.ConnectAsync();
        await tcp.PingAsync();
        Assert.Contains(broker.A.OpenConnections(), c => c.Name == "test" && c.Type == "nats");
    }

    [Fact]
    public async Task Natsws_client_publishes_to_a_tcp_subscriber_and_runs_request_headers_and_queues()
    {
        await using var tcp = await broker.ConnectAsync();
        await using var onTcp = await tcp.SubscribeCoreAsync<string>("natsws.q");
        await tcp.PingAsync();
        var seen = await NatsWsClient.RunAsync(broker.WsUri(), "natsws");
        Assert.Null(seen.Error());
        Assert.Equal("echo:ping", (string?)seen["reply"]);
        Assert.Equal("with-headers", (string?)seen["header_payload"]);
        Assert.Equal(20, (int?)seen["queue_total"]);
        Assert.Equal("MAX_PAYLOAD_EXCEEDED", (string?)seen["oversize"]);
        Assert.True(seen["headers"]!.GetValue<bool>());
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), (await onTcp.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
        }
    }
}
