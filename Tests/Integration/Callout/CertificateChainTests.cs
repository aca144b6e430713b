using NATS.Client.Core;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Tls;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Callout;

/// mTLS with verify_and_map and local_first: the service and a backend log in by certificate;
/// a client whose (valid) certificate maps to nobody is called out with its certificate in
/// `client_tls`.
public class CertificateChainFixture : BrokerFixture
{
    public TestCertificates Certificates { get; } = new();

    public NKeyPair Issuer { get; } = NKeyPair.Create(NKeyPrefix.Account);

    public (string Cert, string Key) Service { get; private set; }

    public (string Cert, string Key) Backend { get; private set; }

    public (string Cert, string Key) Stranger { get; private set; }

    protected override GatewayOptions GatewayTemplate
    {
        get
        {
            Service = Certificates.Issue("service", "CN=auth");
            Backend = Certificates.Issue("backend", "CN=backend");
            Stranger = Certificates.Issue("stranger", "CN=stranger");
            return GatewayOptions.Default with
            {
                Tls = new TlsOptions { CertFile = Certificates.ServerCertFile, KeyFile = Certificates.ServerKeyFile, CaFile = Certificates.CaFile, VerifyAndMap = true, Timeout = TimeSpan.FromSeconds(2) },
                Authorization = new AuthorizationConfig
                {
                    VerifyAndMap = true,
                    HasAccounts = true,
                    Timeout = TimeSpan.FromSeconds(3),
                    Users = [new UserConfig("CN=auth", null, null, "AUTH", null, []), new UserConfig("CN=backend", null, null, "APP", null, [])],
                    Callout = new AuthCalloutConfig { Issuer = Issuer.PublicKey, AuthUsers = ["CN=auth"], Account = "AUTH", LocalFirst = true },
                },
                Accounts = [new AccountConfig("AUTH", [], [], [], false), new AccountConfig("APP", [], [], [], false)],
            };
        }
    }

    public NatsOpts Tls(NatsOpts o, (string Cert, string Key) client) => o with
    {
        Url = $"tls://127.0.0.1:{PortA}",
        ConnectTimeout = TimeSpan.FromSeconds(30),
        TlsOpts = new NatsTlsOpts { Mode = TlsMode.Require, CaFile = Certificates.CaFile, CertFile = client.Cert, KeyFile = client.Key },
    };

    /// The stranger's `client_tls` as nats-server sends it: TLS 1.3, and its chain verified
    /// leaf first, then the CA it was verified against.
    public async Task AssertStrangersTlsAsync(AuthorizationRequestClaims request)
    {
        var tls = request.Nats.Tls!;
        Assert.Equal("1.3", tls.Version);
        Assert.StartsWith("TLS_", tls.Cipher, StringComparison.Ordinal);
        var chain = Assert.Single(tls.VerifiedChains);
        Assert.Equal(2, chain.Count);
        Assert.Equal((await File.ReadAllTextAsync(Stranger.Cert)).Trim(), chain[0].Trim());
        Assert.Equal((await File.ReadAllTextAsync(Certificates.CaFile)).Trim(), chain[1].Trim());
        Assert.Empty(tls.Certs);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Certificates.Dispose();
        Issuer.Dispose();
    }
}

public sealed class CertificateChainTests(CertificateChainFixture broker) : IClassFixture<CertificateChainFixture>
{
    [Fact]
    public async Task Certificate_users_stay_local_strangers_are_called_out_and_backends_outlive_the_service()
    {
        var service = await CalloutResponder.StartAsync(
            await broker.ConnectAsync(configure: o => broker.Tls(o, broker.Service)),
            request => CalloutResponder.Response(request, broker.Issuer, CalloutResponder.User(request, broker.Issuer, "APP")));
        await using (service)
        {
            await using (var backend = await broker.ConnectAsync(configure: o => broker.Tls(o, broker.Backend)))
            {
                await backend.PingAsync();
            }

            await using (var stranger = await broker.ConnectAsync(configure: o => broker.Tls(o, broker.Stranger)))
            {
                await stranger.PingAsync();
            }

            await broker.AssertStrangersTlsAsync(Assert.Single(service.Requests));
        }

        // The identity service is gone: the backend still logs in, the stranger no longer does.
        await using (var backend = await broker.ConnectAsync(configure: o => broker.Tls(o, broker.Backend)))
        {
            await backend.PingAsync();
        }

        var refused = await Assert.ThrowsAnyAsync<NatsException>(async () =>
        {
            await using var stranger = await broker.ConnectAsync(configure: o => broker.Tls(o, broker.Stranger) with { MaxReconnectRetry = 0 });
        });
        Assert.Contains("Authorization Violation", refused.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
