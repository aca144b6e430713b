using System.Security.Cryptography.X509Certificates;
using NATS.Client.Core;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Tls;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Security;

/// allow_non_tls serves plaintext and TLS clients; handshake_first "auto" falls back to the
/// plaintext INFO for a client that waits; pinned certificates admit only the pinned key.
public sealed class MixedTlsFixture : BrokerFixture
{
    public TestCertificates Certificates { get; } = new();

    public (string Cert, string Key) Pinned { get; private set; }

    public (string Cert, string Key) Other { get; private set; }

    protected override GatewayOptions GatewayTemplate
    {
        get
        {
            Pinned = Certificates.Issue("pinned", "CN=pinned");
            Other = Certificates.Issue("other", "CN=other");
            using var pinned = X509Certificate2.CreateFromPemFile(Pinned.Cert, Pinned.Key);
            return GatewayOptions.Default with
            {
                Tls = new TlsOptions
                {
                    CertFile = Certificates.ServerCertFile,
                    KeyFile = Certificates.ServerKeyFile,
                    AllowNonTls = true,
                    HandshakeFirst = true,
                    // Longer than the 50 ms default: a client's first TLS handshake in a process
                    // (loading the TLS stack) can take longer than that on a busy machine.
                    HandshakeFirstFallback = TimeSpan.FromSeconds(1),
                    PinnedCerts = [TlsServer.PinOf(pinned)],
                },
            };
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Certificates.Dispose();
    }
}

public sealed class TlsModesTests(MixedTlsFixture broker) : IClassFixture<MixedTlsFixture>
{
    [Fact]
    public async Task Plaintext_client_is_served_when_tls_is_optional()
    {
        var (c, info) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        Assert.Contains("\"tls_available\":true", info, StringComparison.Ordinal);
        Assert.DoesNotContain("tls_required", info, StringComparison.Ordinal);
        await client.SendAsync("CONNECT {\"verbose\":false}\r\n");
        await client.PingAsync();
    }

    [Fact]
    public async Task Pinned_client_certificate_upgrades_and_another_key_is_refused()
    {
        await using (var nc = await broker.ConnectAsync(configure: o => Tls(o, broker.Pinned, TlsMode.Require)))
        {
            await nc.PingAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var nc = await broker.ConnectAsync(configure: o => Tls(o, broker.Other, TlsMode.Require) with { MaxReconnectRetry = 0 });
            await nc.PingAsync();
        });
    }

    [Fact]
    public async Task Tls_first_client_is_served_without_a_plaintext_info()
    {
        await using var nc = await broker.ConnectAsync(configure: o => Tls(o, broker.Pinned, TlsMode.Implicit));
        await nc.PingAsync();
    }

    private NatsOpts Tls(NatsOpts o, (string Cert, string Key) client, TlsMode mode) => o with
    {
        Url = $"tls://127.0.0.1:{broker.PortA}",
        TlsOpts = new NatsTlsOpts { Mode = mode, CaFile = broker.Certificates.CaFile, CertFile = client.Cert, KeyFile = client.Key },
    };
}
