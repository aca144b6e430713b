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

    [Fact]
    public async Task User_the_service_restricts_to_standard_is_refused_over_websocket_and_gets_in_over_tcp()
    {
        await Assert.ThrowsAnyAsync<NatsException>(async () => await ConnectWsAsync("std-only"));
        Assert.Contains(broker.Service!.Requests, r => r.Nats.ConnectOptions.Username == "std-only" && r.Nats.ClientInfo.Type == "websocket");
        await using var tcp = await broker.ConnectAsync(configure: As("std-only"));
        await tcp.PingAsync();
    }

    [Fact]
    public async Task User_the_service_restricts_to_websocket_gets_in_over_websocket_and_is_refused_over_tcp()
    {
        await using var ws = await ConnectWsAsync("ws-only");
        await using var sub = await ws.SubscribeCoreAsync<string>("app.ws-only");
        await ws.PingAsync();
        await ws.PublishAsync("app.ws-only", "typed");
        Assert.Equal("typed", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        Assert.Contains(broker.A.OpenConnections(), c => c.Name == "ws-ws-only" && c.Account == "APP" && c.Type == "websocket");
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectAsync(configure: As("ws-only")));
    }

    private static Func<NatsOpts, NatsOpts> As(string user) => o => o with
    {
        Name = "ws-" + user,
        AuthOpts = NatsAuthOpts.Default with { Username = user, Password = "x" },
        ConnectTimeout = TimeSpan.FromSeconds(10),
        MaxReconnectRetry = 0,
    };

    private async Task<NatsConnection> ConnectWsAsync(string user)
    {
        var connection = new NatsConnection(As(user)(NatsOpts.Default with { Url = $"ws://127.0.0.1:{broker.A.WebsocketEndPoint!.Port}" }));
        try
        {
            await connection.ConnectAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
