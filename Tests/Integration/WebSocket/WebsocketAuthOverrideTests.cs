using NATS.Client.Core;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.WebSockets;
using Natrium.Tests.Integration.Security;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.WebSocket;

/// authorization { user: top } at the top and websocket { authorization { user: ws-user } }
/// (its password bcrypt): nats-server's authOverride gives each listener its own single user.
public sealed class WebsocketUserOverrideFixture : WebsocketFixture
{
    protected override WebsocketOptions Websocket => base.Websocket with { Username = "ws-user", Password = TestSecrets.Bcrypt("ws-pw") };

    protected override GatewayOptions Template => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig { User = "top", Password = "top-pw" },
    };
}

/// The block's user and password replace the top-level ones for websocket clients only; the
/// behaviour was checked on nats-server 2.9.10 with the same config.
public sealed class WebsocketUserOverrideTests(WebsocketUserOverrideFixture broker) : IClassFixture<WebsocketUserOverrideFixture>
{
    private static Func<NatsOpts, NatsOpts> As(string? user, string? password) =>
        o => o with { AuthOpts = NatsAuthOpts.Default with { Username = user, Password = password }, MaxReconnectRetry = 0 };

    [Fact]
    public async Task Websocket_clients_need_the_blocks_user_and_tcp_clients_the_top_level_user()
    {
        await using var ws = await broker.ConnectWsAsync(configure: As("ws-user", "ws-pw"));
        await ws.PingAsync();
        Assert.True(ws.ServerInfo!.AuthRequired);
        await using var tcp = await broker.ConnectAsync(configure: As("top", "top-pw"));
        await tcp.PingAsync();

        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWsAsync(configure: As("top", "top-pw")));
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectAsync(configure: As("ws-user", "ws-pw")));
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWsAsync(configure: As(null, null)));
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWsAsync(configure: As("ws-user", "top-pw")));
    }

    [Fact]
    public async Task Websocket_client_with_the_top_level_user_gets_the_violation_and_close_1008()
    {
        await RawWebsocket.ExpectAuthorizationRefusalAsync(broker.WsPortA, "CONNECT {\"user\":\"top\",\"pass\":\"top-pw\",\"verbose\":false}\r\nPING\r\n");
    }

    [Fact]
    public async Task Natsws_client_gets_in_with_the_blocks_user_only()
    {
        var seen = await NatsWsClient.RunAsync(broker.WsUri(), "override.natsws", new { user = "ws-user", pass = "ws-pw" }, steps: ["request"]);
        Assert.Null(seen.Error());
        Assert.Equal("echo:ping", (string?)seen["reply"]);
        Assert.Equal("AUTHORIZATION_VIOLATION", (await NatsWsClient.RunAsync(broker.WsUri(), "x", new { user = "top", pass = "top-pw" })).Error());
    }
}

/// A users list at the top (no no_auth_user there) and websocket { no_auth_user: guest }:
/// guest may use guest.> only.
public sealed class WebsocketNoAuthUserFixture : WebsocketFixture
{
    protected override WebsocketOptions Websocket => base.Websocket with { NoAuthUser = "guest" };

    protected override GatewayOptions Template => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            Users =
            [
                new("alice", "alice-pw", null, AccountNames.Global, null, []),
                new("guest", "guest-pw", null, AccountNames.Global, new PermissionsConfig(new SubjectPermission(["guest.>", "_INBOX.>"], null), new SubjectPermission(["guest.>", "_INBOX.>"], null), null), []),
            ],
        },
    };
}

/// The block's no_auth_user lets websocket clients without credentials in as that user, while
/// TCP clients without credentials are still refused (checked on nats-server 2.9.10).
public sealed class WebsocketNoAuthUserTests(WebsocketNoAuthUserFixture broker) : IClassFixture<WebsocketNoAuthUserFixture>
{
    [Fact]
    public async Task Websocket_client_without_credentials_gets_in_as_guest_and_tcp_client_is_refused()
    {
        await using var ws = await broker.ConnectWsAsync(configure: o => o with { Name = "ws-guest" });
        await using var sub = await ws.SubscribeCoreAsync<string>("guest.box");
        await ws.PingAsync();
        await ws.PublishAsync("guest.box", "hi");
        Assert.Equal("hi", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        Assert.Equal("guest", Assert.Single(broker.A.OpenConnections(), c => c.Name == "ws-guest").AuthorizedUser);

        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectAsync(configure: o => o with { MaxReconnectRetry = 0 }));
    }

    [Fact]
    public async Task Guest_over_websocket_has_guests_permissions_only()
    {
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var c = client;
        await client.SendAsync("CONNECT {\"verbose\":false}\r\nSUB alice.box 1\r\nPUB alice.box 1\r\nx\r\nPUB guest.box 1\r\nx\r\nPING\r\n");
        var seen = await client.ReadUntilAsync("PONG");
        Assert.Contains("-ERR 'Permissions Violation for Subscription to \"alice.box\"'\r\n", seen);
        Assert.Contains("-ERR 'Permissions Violation for Publish to \"alice.box\"'\r\n", seen);
        Assert.DoesNotContain("guest.box", seen);
    }

    [Fact]
    public async Task Listed_users_still_log_in_with_their_credentials_over_both()
    {
        Func<NatsOpts, NatsOpts> alice = o => o with { Name = "alice-both", AuthOpts = NatsAuthOpts.Default with { Username = "alice", Password = "alice-pw" } };
        await using var ws = await broker.ConnectWsAsync(configure: alice);
        await using var tcp = await broker.ConnectAsync(configure: alice);
        await using var sub = await ws.SubscribeCoreAsync<string>("alice.box");
        await ws.PingAsync();
        await tcp.PublishAsync("alice.box", "from tcp");
        Assert.Equal("from tcp", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        Assert.All(broker.A.OpenConnections().Where(c => c.Name == "alice-both"), c => Assert.Equal("alice", c.AuthorizedUser));
    }

    [Fact]
    public async Task Natsws_client_without_credentials_works_as_guest_within_guest_subjects_only()
    {
        var seen = await NatsWsClient.RunAsync(broker.WsUri(), "guest.natsws", steps: ["request", "headers"]);
        Assert.Null(seen.Error());
        Assert.Equal("echo:ping", (string?)seen["reply"]);
        Assert.Equal("t1", (string?)seen["header"]);
        Assert.NotNull((await NatsWsClient.RunAsync(broker.WsUri(), "alice.natsws", steps: ["request"])).Error());
    }
}
