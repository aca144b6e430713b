using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Tls;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Security;

/// Server TLS with client certificates required and mapped to users (verify_and_map).
public sealed class MappedTlsFixture : BrokerFixture
{
    public TestCertificates Certificates { get; } = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Certificates.Dispose();
    }

    public (string Cert, string Key) Alice { get; private set; }

    public (string Cert, string Key) DnUser { get; private set; }

    public (string Cert, string Key) Stranger { get; private set; }

    public (string Cert, string Key) TwoUnits { get; private set; }

    protected override GatewayOptions GatewayTemplate
    {
        get
        {
            Alice = Certificates.Issue("alice", "CN=alice", emails: ["alice@example.com"]);
            DnUser = Certificates.Issue("dn", "CN=svc,OU=Eng,O=Acme");
            Stranger = Certificates.Issue("stranger", "CN=nobody");
            // Encoded O, OU=Ops, OU=Eng, CN: nats-server names it by Go's pkix string, which
            // joins both OUs into one RDN, so only the subject-string step can map it.
            TwoUnits = Certificates.Issue("two-units", "CN=ops,OU=Eng,OU=Ops,O=Acme");
            return GatewayOptions.Default with
            {
                Tls = new TlsOptions { CertFile = Certificates.ServerCertFile, KeyFile = Certificates.ServerKeyFile, CaFile = Certificates.CaFile, VerifyAndMap = true, Timeout = TimeSpan.FromSeconds(1) },
                Authorization = new AuthorizationConfig
                {
                    VerifyAndMap = true,
                    Users =
                    [
                        TestSecrets.User("alice@example.com", null, new PermissionsConfig(new SubjectPermission(["alice.>"], null), null, null)),
                        TestSecrets.User("CN=svc,OU=Eng,O=Acme", null),
                        TestSecrets.User("CN=ops,OU=Ops+OU=Eng,O=Acme", null),
                    ],
                },
            };
        }
    }
}

public sealed class TlsTests(MappedTlsFixture broker) : IClassFixture<MappedTlsFixture>
{
    private NatsOpts Tls(NatsOpts o, (string Cert, string Key)? client) => o with
    {
        Url = $"tls://127.0.0.1:{broker.PortA}",
        TlsOpts = new NatsTlsOpts
        {
            Mode = TlsMode.Require,
            CaFile = broker.Certificates.CaFile,
            CertFile = client?.Cert,
            KeyFile = client?.Key,
        },
    };

    [Fact]
    public async Task Info_announces_tls_required_and_verify()
    {
        var (c, info) = await RawClient.ConnectAsync(broker.PortA);
        await using var _ = c;
        using var json = JsonDocument.Parse(info["INFO ".Length..]);
        Assert.True(json.RootElement.GetProperty("tls_required").GetBoolean());
        Assert.True(json.RootElement.GetProperty("tls_verify").GetBoolean());
    }

    [Fact]
    public async Task Client_certificate_maps_to_its_user_and_permissions()
    {
        await using var nc = await broker.ConnectAsync(configure: o => Tls(o, broker.Alice));
        await using var sub = await nc.SubscribeCoreAsync<string>("alice.inbox");
        await nc.PingAsync();
        await nc.PublishAsync("alice.inbox", "hi");
        Assert.Equal("hi", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
    }

    [Fact]
    public async Task Subject_dn_maps_to_a_dn_user()
    {
        await using var nc = await broker.ConnectAsync(configure: o => Tls(o, broker.DnUser));
        await nc.PingAsync();
    }

    [Fact]
    public async Task Subject_maps_by_go_pkix_string_when_values_of_one_type_repeat()
    {
        await using var nc = await broker.ConnectAsync(configure: o => Tls(o, broker.TwoUnits));
        await nc.PingAsync();
    }

    [Fact]
    public async Task Unmapped_certificate_is_an_authorization_violation()
    {
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var nc = await broker.ConnectAsync(configure: o => Tls(o, broker.Stranger) with { MaxReconnectRetry = 0 });
            await nc.PingAsync();
        });
    }

    [Fact]
    public async Task Missing_client_certificate_fails_the_handshake()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", broker.PortA);
        var stream = tcp.GetStream();
        var buffer = new byte[4096];
        // The plaintext INFO line comes first; read up to its newline.
        while (await stream.ReadAsync(buffer.AsMemory(0, 1)) == 1 && buffer[0] != (byte)'\n')
        {
        }
        await using var ssl = new SslStream(stream, false, (_, _, _, _) => true);
        var handshake = async () =>
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" });
            await ssl.WriteAsync("CONNECT {}\r\nPING\r\n"u8.ToArray());
            var n = await ssl.ReadAsync(buffer);
            if (n == 0)
            {
                throw new IOException("closed");
            }
        };
        await Assert.ThrowsAnyAsync<Exception>(handshake);
    }

    [Fact]
    public async Task Plaintext_client_on_a_tls_port_is_closed_silently()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync("CONNECT {}\r\nPING\r\n");
        var rest = await client.ExpectClosedAsync(TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("PONG", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Idle_client_is_closed_after_the_tls_timeout()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        Assert.Equal(string.Empty, await client.ExpectClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains(broker.A.RecentlyClosed, x => x.Reason == "TLS Handshake Failure");
    }
}
