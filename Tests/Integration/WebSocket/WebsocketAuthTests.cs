using NATS.Client.Core;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.WebSockets;
using Natrium.Tests.Integration.Security;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.WebSocket;

/// Users of every kind, some limited to one connection type; websocket clients get their
/// own auth timeout from the block's authorization { timeout }.
public sealed class WebsocketUsersFixture : WebsocketFixture
{
    public static readonly NATS.NKeys.KeyPair Nkey = NATS.NKeys.KeyPair.CreatePair(NATS.NKeys.PrefixByte.User);

    /// An NKEY user allowed over TCP only.
    public static readonly NATS.NKeys.KeyPair StandardNkey = NATS.NKeys.KeyPair.CreatePair(NATS.NKeys.PrefixByte.User);

    protected override WebsocketOptions Websocket => base.Websocket with { AuthTimeout = TimeSpan.FromSeconds(3) };

    protected override GatewayOptions Template => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            Users =
            [
                new("alice", TestSecrets.Bcrypt("alice-pw"), null, AccountNames.Global, new PermissionsConfig(new SubjectPermission(["alice.>", "_INBOX.>"], null), null, null), []),
                new("browser", "browser-pw", null, AccountNames.Global, null, ["WEBSOCKET"]),
                new("backend", "backend-pw", null, AccountNames.Global, null, ["STANDARD"]),
                new(null, null, Nkey.GetPublicKey(), AccountNames.Global, null, ["websocket"]),
                new(null, null, StandardNkey.GetPublicKey(), AccountNames.Global, null, ["STANDARD"]),
            ],
        },
    };
}

/// Every authentication method and the connection-type rules work over WebSocket as over TCP.
public sealed class WebsocketAuthTests(WebsocketUsersFixture broker) : IClassFixture<WebsocketUsersFixture>
{
    private static Func<NatsOpts, NatsOpts> As(string user, string password) =>
        o => o with { AuthOpts = NatsAuthOpts.Default with { Username = user, Password = password }, MaxReconnectRetry = 0 };

    private static Func<NatsOpts, NatsOpts> WithNkey(NATS.NKeys.KeyPair pair) =>
        o => o with { AuthOpts = NatsAuthOpts.Default with { NKey = pair.GetPublicKey(), Seed = pair.GetSeed() }, MaxReconnectRetry = 0 };

    [Fact]
    public async Task Bcrypt_user_logs_in_over_websocket_with_its_permissions()
    {
        await using var nc = await broker.ConnectWsAsync(configure: As("alice", "alice-pw"));
        await using var sub = await nc.SubscribeCoreAsync<string>("alice.box");
        await nc.PingAsync();
        await nc.PublishAsync("alice.box", "hi");
        Assert.Equal("hi", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
    }

    [Fact]
    public async Task Wrong_password_over_websocket_is_refused()
    {
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWsAsync(configure: As("alice", "wrong")));
    }

    [Fact]
    public async Task Publish_outside_permissions_gets_the_violation_over_websocket()
    {
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var c = client;
        await client.SendAsync("CONNECT {\"user\":\"alice\",\"pass\":\"alice-pw\",\"verbose\":false}\r\nPUB bob.box 1\r\nx\r\nPING\r\n");
        var seen = await client.ReadUntilAsync("PONG");
        Assert.Contains("-ERR 'Permissions Violation for Publish to \"bob.box\"'\r\n", seen);
    }

    [Fact]
    public async Task Websocket_only_user_gets_in_over_websocket_but_not_over_tcp()
    {
        await using var ws = await broker.ConnectWsAsync(configure: As("browser", "browser-pw"));
        await ws.PingAsync();
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectAsync(configure: As("browser", "browser-pw")));
    }

    [Fact]
    public async Task Standard_only_user_gets_in_over_tcp_but_not_over_websocket()
    {
        await using var tcp = await broker.ConnectAsync(configure: As("backend", "backend-pw"));
        await tcp.PingAsync();
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWsAsync(configure: As("backend", "backend-pw")));
    }

    [Fact]
    public async Task Nkey_user_signs_the_websocket_info_nonce()
    {
        var pair = WebsocketUsersFixture.Nkey;
        await using var nc = await broker.ConnectWsAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { NKey = pair.GetPublicKey(), Seed = pair.GetSeed() } });
        await nc.PingAsync();
    }

    [Fact]
    public async Task Websocket_only_nkey_user_is_refused_over_tcp()
    {
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectAsync(configure: WithNkey(WebsocketUsersFixture.Nkey)));
    }

    [Fact]
    public async Task Standard_only_nkey_user_gets_in_over_tcp_but_not_over_websocket()
    {
        await using var tcp = await broker.ConnectAsync(configure: WithNkey(WebsocketUsersFixture.StandardNkey));
        await tcp.PingAsync();
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWsAsync(configure: WithNkey(WebsocketUsersFixture.StandardNkey)));
    }

    [Fact]
    public async Task Operation_before_connect_is_an_authorization_violation_and_close_1008()
    {
        await RawWebsocket.ExpectAuthorizationRefusalAsync(broker.WsPortA, "PUB x 1048576\r\n");
    }

    [Fact]
    public async Task Unauthenticated_client_streaming_one_huge_frame_is_cut_long_before_its_end()
    {
        const int declared = 64 * 1024 * 1024;
        await using var bystander = await broker.ConnectWsAsync(configure: As("alice", "alice-pw"));
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var c = client;
        long sent = 0;
        try
        {
            await client.SendFrameHeaderAsync(2, declared);
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'A');
            while (sent < declared)
            {
                await client.SendRawAsync(chunk).WaitAsync(TimeSpan.FromSeconds(10));
                sent += chunk.Length;
            }
        }
        catch (Exception e) when (e is IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // The server stopped reading and closed: the point of the test.
        }

        await client.ExpectEndAsync();
        Assert.True(sent < declared / 4, $"the server read {sent} bytes of an unauthenticated client's frame");
        await bystander.PingAsync();
    }

    [Fact]
    public async Task Silent_websocket_client_is_closed_at_the_blocks_auth_timeout()
    {
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var c = client;
        var seen = await client.ReadUntilAsync("<close");
        Assert.Contains("-ERR 'Authentication Timeout'\r\n", seen);
        Assert.Contains("<close 1008 Authentication Timeout>", seen);
    }

    [Fact]
    public async Task Natsws_client_logs_in_with_a_password_and_keeps_its_permissions()
    {
        var seen = await NatsWsClient.RunAsync(broker.WsUri(), "alice.natsws", new { user = "alice", pass = "alice-pw" });
        Assert.Null(seen.Error());
        Assert.Equal("echo:ping", (string?)seen["reply"]);
        Assert.Equal("t1", (string?)seen["header"]);
        Assert.Equal(20, (int?)seen["queue_total"]);
        Assert.Equal("MAX_PAYLOAD_EXCEEDED", (string?)seen["oversize"]);

        // alice may publish under alice.> only: nats.ws's service there gets no request through
        var outside = await NatsWsClient.RunAsync(broker.WsUri(), "bob.natsws", new { user = "alice", pass = "alice-pw" }, steps: ["request"]);
        Assert.NotNull(outside.Error());
    }

    [Fact]
    public async Task Natsws_client_signs_the_nonce_with_an_nkey_and_is_refused_where_its_user_may_not_connect()
    {
        var seen = await NatsWsClient.RunAsync(broker.WsUri(), "nkey.natsws", new { nkeySeed = new string(WebsocketUsersFixture.Nkey.GetSeed()) });
        Assert.Null(seen.Error());
        Assert.Equal("echo:ping", (string?)seen["reply"]);
        Assert.Equal("AUTHORIZATION_VIOLATION", (await NatsWsClient.RunAsync(broker.WsUri(), "x", new { user = "backend", pass = "backend-pw" })).Error());
        Assert.Equal("AUTHORIZATION_VIOLATION", (await NatsWsClient.RunAsync(broker.WsUri(), "x", new { user = "alice", pass = "wrong" })).Error());
        Assert.Equal("AUTHORIZATION_VIOLATION", (await NatsWsClient.RunAsync(broker.WsUri(), "x", new { nkeySeed = new string(WebsocketUsersFixture.StandardNkey.GetSeed()) })).Error());
    }
}

/// websocket { authorization { token } } while the client port needs nothing: the override
/// applies to websocket clients only (nats-server's authOverride).
public sealed class WebsocketTokenOverrideFixture : WebsocketFixture
{
    protected override WebsocketOptions Websocket => base.Websocket with { Token = "ws-token" };
}

public sealed class WebsocketTokenOverrideTests(WebsocketTokenOverrideFixture broker) : IClassFixture<WebsocketTokenOverrideFixture>
{
    [Fact]
    public async Task Websocket_clients_need_the_blocks_token_while_tcp_clients_need_nothing()
    {
        await using var tcp = await broker.ConnectAsync();
        await tcp.PingAsync();
        Assert.False(tcp.ServerInfo!.AuthRequired);
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWsAsync(configure: o => o with { MaxReconnectRetry = 0 }));
        await using var ws = await broker.ConnectWsAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Token = "ws-token" } });
        await ws.PingAsync();
        Assert.True(ws.ServerInfo!.AuthRequired);
    }

    [Fact]
    public async Task Natsws_client_gets_in_with_the_blocks_token_only()
    {
        Assert.Null((await NatsWsClient.RunAsync(broker.WsUri(), "token.natsws", new { token = "ws-token" })).Error());
        Assert.Equal("AUTHORIZATION_VIOLATION", (await NatsWsClient.RunAsync(broker.WsUri(), "token.natsws", new { token = "not-it" })).Error());
    }
}
