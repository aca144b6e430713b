using NATS.Client.Core;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.WebSockets;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.WebSocket;

/// Operator mode (MEMORY resolver, one account) with jwt_cookie "natsjwt" on the websocket block.
public sealed class WebsocketOperatorFixture : WebsocketFixture
{
    public const string Cookie = "natsjwt";

    public WebsocketOperatorFixture()
    {
        Account = Kit.Key(NKeyPrefix.Account);
        AccountJwt = Kit.Account(Account, "WS");
    }

    public OperatorKit Kit { get; } = new();

    public NKeyPair Account { get; }

    public string AccountJwt { get; }

    protected override WebsocketOptions Websocket => base.Websocket with { JwtCookie = Cookie };

    protected override GatewayOptions Template => GatewayOptions.Default with { Operators = Kit.Memory((Account, AccountJwt)) };

    public (string Jwt, NKeyPair Key) User(string name, Func<UserNats, UserNats>? configure = null)
    {
        var key = Kit.Key(NKeyPrefix.User);
        return (Kit.User(key, Account, name, configure), key);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Kit.Dispose();
    }
}

/// JWT users over WebSocket: credentials in CONNECT, the JWT from the jwt_cookie, and the
/// connection types a user JWT allows.
public sealed class WebsocketJwtTests(WebsocketOperatorFixture broker) : IClassFixture<WebsocketOperatorFixture>
{
    private Func<NatsOpts, NatsOpts> Creds((string Jwt, NKeyPair Key) user) =>
        o => o with { AuthOpts = OperatorKit.Credentials(user.Jwt, user.Key), MaxReconnectRetry = 0 };

    [Fact]
    public async Task User_jwt_logs_in_over_websocket_and_reaches_tcp_users_of_its_account()
    {
        var user = broker.User("ws-user");
        await using var ws = await broker.ConnectWsAsync(configure: Creds(user));
        await using var tcp = await broker.ConnectAsync(configure: Creds(broker.User("tcp-user")));
        await using var sub = await tcp.SubscribeCoreAsync<string>("jwt.ws");
        await tcp.PingAsync();
        await ws.PublishAsync("jwt.ws", "over-ws");
        Assert.Equal("over-ws", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
    }

    [Fact]
    public async Task Websocket_only_jwt_user_is_refused_over_tcp_and_standard_only_over_websocket()
    {
        var browser = broker.User("browser", n => n with { AllowedConnectionTypes = ["WEBSOCKET"] });
        await using (var ok = await broker.ConnectWsAsync(configure: Creds(browser)))
        {
            await ok.PingAsync();
        }

        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectAsync(configure: Creds(browser)));
        var backend = broker.User("backend", n => n with { AllowedConnectionTypes = ["STANDARD"] });
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWsAsync(configure: Creds(backend)));
    }

    [Fact]
    public async Task Bearer_jwt_in_the_cookie_logs_in_without_credentials_in_connect()
    {
        var (jwt, _) = broker.User("cookie-bearer", n => n with { BearerToken = true });
        await using var nc = await broker.ConnectWsAsync(configure: o => o with
        {
            WebSocketOpts = new NatsWebSocketOpts { RequestHeaders = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["Cookie"] = $"{WebsocketOperatorFixture.Cookie}={jwt}" } },
        });
        await nc.PingAsync();
        Assert.Contains(broker.A.OpenConnections(), c => c.NameTag == "cookie-bearer" && c.Type == "websocket");
    }

    [Fact]
    public async Task Cookie_jwt_of_a_non_bearer_user_still_needs_the_signed_nonce()
    {
        var user = broker.User("cookie-signed");
        var (signed, info) = await RawWebsocket.ConnectAsync(broker.WsPortA, $"Cookie: {WebsocketOperatorFixture.Cookie}={user.Jwt}");
        await using (signed)
        {
            await signed.SendAsync(OperatorKit.Connect(string.Empty, user.Key, info) + "PING\r\n");
            Assert.Contains("PONG", await signed.ReadUntilAsync("PONG"));
        }

        var (unsigned, _) = await RawWebsocket.ConnectAsync(broker.WsPortA, $"Cookie: {WebsocketOperatorFixture.Cookie}={user.Jwt}");
        await using (unsigned)
        {
            await unsigned.SendAsync("CONNECT {\"verbose\":false}\r\nPING\r\n");
            Assert.Contains("-ERR 'Authorization Violation'", await unsigned.ReadUntilAsync("<close"));
        }
    }

    [Fact]
    public async Task Jwt_in_connect_wins_over_the_cookie()
    {
        var (bearer, _) = broker.User("bearer-2", n => n with { BearerToken = true });
        var other = broker.User("connect-user");
        var (client, info) = await RawWebsocket.ConnectAsync(broker.WsPortA, $"Cookie: {WebsocketOperatorFixture.Cookie}={bearer}");
        await using var _ = client;
        await client.SendAsync(OperatorKit.Connect(other.Jwt, other.Key, info) + "PING\r\n");
        await client.ReadUntilAsync("PONG");
        Assert.Contains(broker.A.OpenConnections(), c => c.NameTag == "connect-user");
    }

    [Fact]
    public async Task Natsws_client_logs_in_with_a_user_jwt_and_the_connection_types_hold()
    {
        var (jwt, key) = broker.User("natsws-user", n => n with { AllowedConnectionTypes = ["WEBSOCKET"] });
        var seen = await NatsWsClient.RunAsync(broker.WsUri(), "jwt.natsws", new { jwt, seed = key.EncodeSeed() });
        Assert.Null(seen.Error());
        Assert.Equal("echo:ping", (string?)seen["reply"]);

        var (standardJwt, standardKey) = broker.User("natsws-standard", n => n with { AllowedConnectionTypes = ["STANDARD"] });
        Assert.Equal("AUTHORIZATION_VIOLATION", (await NatsWsClient.RunAsync(broker.WsUri(), "jwt.natsws", new { jwt = standardJwt, seed = standardKey.EncodeSeed() })).Error());
    }
}
