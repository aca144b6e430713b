using NATS.Client.Core;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Tls;
using Natrium.Gateway.WebSockets;
using Natrium.Tests.Integration.Callout;

namespace Natrium.Tests.Integration.WebSocket;

/// The certificate-chain callout fixture with a wss:// listener whose TLS verifies and maps
/// client certificates as the client port's does.
public sealed class WssCalloutFixture : CertificateChainFixture
{
    protected override GatewayOptions GatewayTemplate
    {
        get
        {
            var template = base.GatewayTemplate;
            return template with
            {
                Websocket = new WebsocketOptions
                {
                    Host = "127.0.0.1",
                    Port = 0,
                    NoTls = false,
                    Tls = new TlsOptions { CertFile = Certificates.ServerCertFile, KeyFile = Certificates.ServerKeyFile, CaFile = Certificates.CaFile, VerifyAndMap = true },
                },
            };
        }
    }
}

/// A wss client that auth callout decides is described to the service with its TLS handshake
/// and certificate chain, as a TLS client of the client port is; /connz shows its TLS too.
public sealed class WssCalloutTests(WssCalloutFixture broker) : IClassFixture<WssCalloutFixture>
{
    [Fact]
    public async Task Wss_stranger_is_called_out_with_its_client_tls_and_connz_shows_the_handshake()
    {
        var service = await CalloutResponder.StartAsync(
            await broker.ConnectAsync(configure: o => broker.Tls(o, broker.Service)),
            request => CalloutResponder.Response(request, broker.Issuer, CalloutResponder.User(request, broker.Issuer, "APP")));
        await using (service)
        {
            var presenting = WssClientOptions.Presenting(broker.Certificates.CaFile, broker.Stranger);
            await using var stranger = new NatsConnection(presenting(NatsOpts.Default with
            {
                Url = $"wss://127.0.0.1:{broker.A.WebsocketEndPoint!.Port}",
                Name = "wss-stranger",
                ConnectTimeout = TimeSpan.FromSeconds(30),
            }));
            await stranger.ConnectAsync();
            await stranger.PingAsync();

            var request = Assert.Single(service.Requests);
            Assert.Equal("websocket", request.Nats.ClientInfo.Type);
            await broker.AssertStrangersTlsAsync(request);

            var connection = Assert.Single(broker.A.OpenConnections(), c => c.Name == "wss-stranger");
            Assert.Equal("1.3", connection.TlsVersion);
            Assert.StartsWith("TLS_", connection.TlsCipherSuite, StringComparison.Ordinal);
            Assert.Equal("APP", connection.Account);
        }
    }
}
