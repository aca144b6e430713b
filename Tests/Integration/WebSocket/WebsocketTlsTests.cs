using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using NATS.Client.Core;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Tls;
using Natrium.Tests.Integration.Security;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.WebSocket;

/// wss:// with the websocket block's own TLS: verify_and_map there maps client certificates to
/// users, while the client port stays plain and password-based.
public sealed class WssFixture : WssFixtureBase
{
    public (string Cert, string Key) Alice { get; private set; }

    public (string Cert, string Key) Stranger { get; private set; }

    protected override TlsOptions ServerTls
    {
        get
        {
            Alice = Certificates.Issue("alice", "CN=alice", emails: ["alice@example.com"]);
            Stranger = Certificates.Issue("stranger", "CN=nobody");
            return base.ServerTls with { CaFile = Certificates.CaFile, VerifyAndMap = true };
        }
    }

    protected override GatewayOptions Template => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            Users =
            [
                TestSecrets.User("alice@example.com", null, new PermissionsConfig(new SubjectPermission(["alice.>"], null), null, null)),
                TestSecrets.User("tcp-user", "tcp-pw"),
            ],
        },
    };


    /// Trusts the test CA and presents client (when given) over the WebSocket's TLS.
    public Func<NatsOpts, NatsOpts> Presenting((string Cert, string Key)? client) => WssClientOptions.Presenting(Certificates.CaFile, client);

    public void Configure(ClientWebSocketOptions options, (string Cert, string Key)? client) => WssClientOptions.Configure(options, Certificates.CaFile, client);
}

public sealed class WebsocketTlsTests(WssFixture broker) : IClassFixture<WssFixture>
{
    [Fact]
    public async Task Client_certificate_over_wss_maps_to_its_user_and_permissions()
    {
        await using var nc = await broker.ConnectWsAsync(configure: broker.Presenting(broker.Alice));
        await using var sub = await nc.SubscribeCoreAsync<string>("alice.wss");
        await nc.PingAsync();
        await nc.PublishAsync("alice.wss", "secure");
        Assert.Equal("secure", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        var snapshot = Assert.Single(broker.A.OpenConnections(), c => c.AuthorizedUser == "alice@example.com");
        Assert.Equal("websocket", snapshot.Type);
    }

    [Fact]
    public async Task Unmapped_certificate_over_wss_is_refused()
    {
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWsAsync(configure: broker.Presenting(broker.Stranger)));
    }

    [Fact]
    public async Task Wss_without_a_client_certificate_fails_the_handshake()
    {
        using var client = new ClientWebSocket();
        broker.Configure(client.Options, null);
        await Assert.ThrowsAnyAsync<WebSocketException>(() => client.ConnectAsync(broker.WsUri(), CancellationToken.None));
    }

    [Fact]
    public async Task Plain_ws_to_the_wss_port_gets_no_upgrade()
    {
        using var client = new ClientWebSocket();
        await Assert.ThrowsAnyAsync<WebSocketException>(() => client.ConnectAsync(new Uri($"ws://127.0.0.1:{broker.WsPortA}"), CancellationToken.None));
    }

    [Fact]
    public async Task Natsws_client_over_wss_is_mapped_by_its_certificate_and_a_stranger_is_refused()
    {
        var seen = await NatsWsClient.RunAsync(broker.WsUri(), "alice.natsws", caFile: broker.Certificates.CaFile, clientCertificate: broker.Alice, steps: ["headers", "queue"]);
        Assert.Null(seen.Error());
        Assert.Equal(20, (int?)seen["queue_total"]);
        Assert.Equal("t1", (string?)seen["header"]);
        var stranger = await NatsWsClient.RunAsync(broker.WsUri(), "alice.natsws", caFile: broker.Certificates.CaFile, clientCertificate: broker.Stranger);
        Assert.Equal("AUTHORIZATION_VIOLATION", stranger.Error());
    }
}
