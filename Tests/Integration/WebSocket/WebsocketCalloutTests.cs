using NATS.Client.Core;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.WebSockets;
using Natrium.Tests.Integration.Callout;

namespace Natrium.Tests.Integration.WebSocket;

/// The callout fixture's users and service, with a ws:// listener beside the client port.
public sealed class WebsocketCalloutFixture : CalloutFixture
{
    protected override GatewayOptions GatewayTemplate => base.GatewayTemplate with
    {
        Websocket = new WebsocketOptions { Host = "127.0.0.1", Port = 0, NoTls = true },
    };
}

/// Auth callout decides websocket clients as it decides TCP ones, and is told their type.
public sealed class WebsocketCalloutTests(WebsocketCalloutFixture broker) : IClassFixture<WebsocketCalloutFixture>
{
    [Fact]
    public async Task Websocket_client_is_called_out_placed_in_its_account_and_typed_websocket()
    {
        var url = $"ws://127.0.0.1:{broker.A.WebsocketEndPoint!.Port}";
        await using var alice = new NatsConnection(new NatsOpts
        {
            Url = url,
            Name = "ws-alice",
            AuthOpts = NatsAuthOpts.Default with { Username = "alice", Password = "secret" },
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });
        await alice.ConnectAsync();
        await using var sub = await alice.SubscribeCoreAsync<string>("app.ws");
        await alice.PingAsync();
        await alice.PublishAsync("app.ws", "called out");
        Assert.Equal("called out", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        var request = broker.Service!.Requests.Last(r => r.Nats.ConnectOptions.Username == "alice");
        Assert.Equal("websocket", request.Nats.ClientInfo.Type);
        Assert.Contains(broker.A.OpenConnections(), c => c.Name == "ws-alice" && c.Account == "APP" && c.Type == "websocket");

        await using var denied = new NatsConnection(new NatsOpts
        {
            Url = url,
            AuthOpts = NatsAuthOpts.Default with { Username = "denied", Password = "x" },
            MaxReconnectRetry = 0,
        });
        await Assert.ThrowsAnyAsync<NatsException>(async () => await denied.ConnectAsync());
    }
}
