using System.Net.WebSockets;
using NATS.Client.Core;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Tls;
using Natrium.Tests.Integration.Security;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.WebSocket;

/// wss:// with `verify: true` and no map: every client must present a certificate from the test
/// CA, and then still logs in with its password.
public sealed class WssVerifyFixture : WssFixtureBase
{
    /// A CA the server does not trust, for a certificate it must refuse.
    public TestCertificates Foreign { get; } = new("Foreign Test CA");

    public (string Cert, string Key) Client { get; private set; }

    public (string Cert, string Key) Stranger { get; private set; }

    protected override TlsOptions ServerTls
    {
        get
        {
            Client = Certificates.Issue("client", "CN=client");
            Stranger = Foreign.Issue("stranger", "CN=client");
            return base.ServerTls with { CaFile = Certificates.CaFile, Verify = true };
        }
    }

    protected override GatewayOptions Template => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig { Users = [TestSecrets.User("plain", "plain-pw")] },
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Foreign.Dispose();
    }
}

/// verify without map: the certificate is a condition of the TLS handshake, not an identity.
public sealed class WssVerifyTests(WssVerifyFixture broker) : IClassFixture<WssVerifyFixture>
{
    [Fact]
    public async Task Wss_without_a_client_certificate_fails_the_handshake()
    {
        using var client = new ClientWebSocket();
        WssClientOptions.Configure(client.Options, broker.Certificates.CaFile, null);
        await Assert.ThrowsAnyAsync<WebSocketException>(() => client.ConnectAsync(broker.WsUri(), CancellationToken.None));
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWssAsync(null, "plain", "plain-pw"));
    }

    [Fact]
    public async Task Certificate_from_an_untrusted_ca_fails_the_handshake()
    {
        using var client = new ClientWebSocket();
        WssClientOptions.Configure(client.Options, broker.Certificates.CaFile, broker.Stranger);
        await Assert.ThrowsAnyAsync<WebSocketException>(() => client.ConnectAsync(broker.WsUri(), CancellationToken.None));
    }

    [Fact]
    public async Task Password_user_presenting_a_certificate_gets_in_over_wss()
    {
        await using var nc = await broker.ConnectWssAsync(broker.Client, "plain", "plain-pw");
        await using var sub = await nc.SubscribeCoreAsync<string>("wss.verify");
        await nc.PingAsync();
        await nc.PublishAsync("wss.verify", "verified");
        Assert.Equal("verified", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        Assert.Contains(broker.A.OpenConnections(), c => c.AuthorizedUser == "plain" && c.Type == "websocket");
    }

    [Fact]
    public async Task Certificate_alone_or_with_a_wrong_password_is_refused()
    {
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWssAsync(broker.Client));
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWssAsync(broker.Client, "plain", "wrong"));
    }

    [Fact]
    public async Task Natsws_client_presenting_a_certificate_logs_in_with_its_password()
    {
        var seen = await NatsWsClient.RunAsync(broker.WsUri(), "wss.verify.natsws", new { user = "plain", pass = "plain-pw" }, broker.Certificates.CaFile, broker.Client, steps: ["request", "headers"]);
        Assert.Null(seen.Error());
        Assert.Equal("echo:ping", (string?)seen["reply"]);
        Assert.Equal("t1", (string?)seen["header"]);
    }
}
