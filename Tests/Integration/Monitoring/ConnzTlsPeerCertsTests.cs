using System.Formats.Asn1;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using Natrium.Tests.Integration.WebSocket;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// A natrium process with mutual TLS on the client port and on wss, and a monitoring port.
public sealed class MutualTlsMonitoringFixture : IAsyncLifetime
{
    public TestCertificates Certificates { get; } = new();

    public (string Cert, string Key) Peer { get; private set; }

    public (string Cert, string Key) Chained { get; private set; }

    public X509Certificate2 Intermediate { get; private set; } = null!;

    public ConfiguredNatrium Natrium { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync()
    {
        // Encoded C, O, OU=u1, OU=u2, CN, emailAddress, title (the builder encodes the last
        // added first): every kind of attribute Go prints differently (reordered, joined,
        // escaped, hex).
        var subject = new X500DistinguishedNameBuilder();
        subject.Add("2.5.4.12", "Dr", UniversalTagNumber.PrintableString);
        subject.AddEmailAddress("peer@example.com");
        subject.AddCommonName("peer #1");
        subject.AddOrganizationalUnitName("u2");
        subject.AddOrganizationalUnitName("u1");
        subject.AddOrganizationName("Org, Inc");
        subject.AddCountryOrRegion("US");
        var name = subject.Build();
        Assert.Equal("2.5.4.6", name.EnumerateRelativeDistinguishedNames(reversed: false).First().GetSingleElementType().Value);
        Peer = Certificates.Issue("peer", name);
        Intermediate = Certificates.IssueIntermediate("intermediate", "CN=Natrium Test Intermediate,O=Natrium");
        Chained = Certificates.Issue("chained", new X500DistinguishedName("CN=chained"), issuer: Intermediate);

        var tls = $$"""{ cert_file: "{{Certificates.ServerCertFile}}", key_file: "{{Certificates.ServerKeyFile}}", ca_file: "{{Certificates.CaFile}}", verify: true, timeout: 5 }""";
        Natrium = await ConfiguredNatrium.StartAsync($$"""
            http: 127.0.0.1:-1
            tls {{tls}}
            websocket { listen: "127.0.0.1:-1", tls {{tls}} }
            """);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Natrium.DisposeAsync();
        Intermediate.Dispose();
        Certificates.Dispose();
    }

    public async Task<JsonElement> ConnectionAsync(string query, string name)
    {
        var body = await Http.GetStringAsync(Natrium.MonitoringUrl + "/connz?" + query);
        using var connz = JsonDocument.Parse(body);
        var connections = connz.RootElement.GetProperty("connections");
        var found = connections.ValueKind == JsonValueKind.Array ? connections.EnumerateArray().Where(c => c.TryGetProperty("name", out var n) && n.GetString() == name).ToList() : [];
        Assert.True(found.Count == 1, $"/connz?{query}: expected one connection named {name}, got {body}");
        return found[0].Clone();
    }

    public async Task<Uri> WssUriAsync()
    {
        var path = Path.Combine(Path.GetDirectoryName(Natrium.ConfigFile)!, global::Natrium.Silo.Hosting.PortsFile.FileName("natrium", Natrium.Process.Id));
        using var ports = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        return new Uri(ports.RootElement.GetProperty("websocket")[0].GetString()!);
    }
}

/// /connz `tls_peer_certs` (spec/monitoring_cluster.md §4) as nats-server 2.9.10 showed it on
/// 127.0.0.1: with `auth` only, for open connections only, one entry per certificate the client
/// presented, leaf first: Go's subject text, lowercase hex SHA-256 of the SubjectPublicKeyInfo
/// and of the certificate, after `tls_version` and `tls_cipher_suite`.
public sealed class ConnzTlsPeerCertsTests(MutualTlsMonitoringFixture broker) : IClassFixture<MutualTlsMonitoringFixture>
{
    /// What nats-server 2.9.10 printed for a subject of the same attributes (probed): fields
    /// most specific first, both OUs in one RDN, the comma escaped, title and emailAddress last
    /// (last encoded first) in hex, re-encoded PrintableString or (for '@') UTF8String.
    private const string PeerSubject = @"CN=peer #1,OU=u1+OU=u2,O=Org\, Inc,C=US,2.5.4.12=#13024472,1.2.840.113549.1.9.1=#0c107065657240" + "6578616d706c652e636f6d";

    [Fact]
    public async Task Auth_lists_the_client_certificate_after_the_tls_fields_as_nats_server()
    {
        var name = "peer-tcp";
        await using (var nc = new NatsConnection(Tls(name, broker.Peer)))
        {
            await nc.ConnectAsync();

            var plain = await broker.ConnectionAsync("auth=0", name);
            Assert.Equal("1.3", plain.GetProperty("tls_version").GetString());
            Assert.StartsWith("TLS_", plain.GetProperty("tls_cipher_suite").GetString());
            Assert.False(plain.TryGetProperty("tls_peer_certs", out _), "tls_peer_certs without auth");

            var entry = await broker.ConnectionAsync("auth=1", name);
            var keys = entry.EnumerateObject().Select(p => p.Name).ToList();
            var at = keys.IndexOf("tls_version");
            Assert.True(at > 0, string.Join(",", keys));
            Assert.Equal(["tls_version", "tls_cipher_suite", "tls_peer_certs"], keys[at..(at + 3)]);

            var presented = Assert.Single(entry.GetProperty("tls_peer_certs").EnumerateArray());
            Assert.Equal(["subject", "spki_sha256", "cert_sha256"], presented.EnumerateObject().Select(p => p.Name));
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(broker.Peer.Cert));
            Assert.Equal(PeerSubject, presented.GetProperty("subject").GetString());
            AssertHashes(certificate, presented);
        }

        // Closed: nats-server keeps the TLS version and suite, not the certificates.
        JsonElement closed = default;
        await Eventually.TrueAsync(
            async () =>
            {
                var body = await broker.Http.GetStringAsync(broker.Natrium.MonitoringUrl + "/connz?state=closed&auth=1");
                closed = JsonDocument.Parse(body).RootElement.GetProperty("connections").EnumerateArray().FirstOrDefault(c => c.TryGetProperty("name", out var n) && n.GetString() == name);
                return closed.ValueKind == JsonValueKind.Object;
            },
            $"{name} in the closed ring");
        Assert.Equal("1.3", closed.GetProperty("tls_version").GetString());
        Assert.False(closed.TryGetProperty("tls_peer_certs", out _), closed.ToString());
    }

    /// nats-server lists what the client sent (its PeerCertificates), not the verified chain:
    /// a client that sends its intermediate gets both, leaf first, and never the root.
    [Fact]
    public async Task A_client_that_sends_its_intermediate_gets_both_listed_leaf_first()
    {
        using var leaf = TestCertificates.LoadClient(broker.Chained.Cert, broker.Chained.Key);
        using var intermediate = X509CertificateLoader.LoadCertificate(broker.Intermediate.RawData);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", broker.Natrium.Port);
        var stream = tcp.GetStream();
        await ReadLineAsync(stream);
        await using var ssl = new SslStream(stream);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
            ClientCertificateContext = SslStreamCertificateContext.Create(leaf, [intermediate], offline: true),
        });
        await ssl.WriteAsync("CONNECT {\"verbose\":false,\"name\":\"peer-chain\"}\r\nPING\r\n"u8.ToArray());
        Assert.Equal("PONG", await ReadLineAsync(ssl));

        var entry = await broker.ConnectionAsync("auth=1", "peer-chain");
        var presented = entry.GetProperty("tls_peer_certs").EnumerateArray().ToList();
        Assert.Equal(2, presented.Count);
        Assert.Equal("CN=chained", presented[0].GetProperty("subject").GetString());
        AssertHashes(leaf, presented[0]);
        Assert.Equal("CN=Natrium Test Intermediate,O=Natrium", presented[1].GetProperty("subject").GetString());
        AssertHashes(intermediate, presented[1]);
    }

    [Fact]
    public async Task A_wss_clients_certificate_is_listed_too()
    {
        var name = "peer-wss";
        var wss = await broker.WssUriAsync();
        await using var nc = new NatsConnection(WssClientOptions.Presenting(broker.Certificates.CaFile, broker.Peer)(NatsOpts.Default with { Url = wss.ToString(), Name = name }));
        await nc.ConnectAsync();

        var entry = await broker.ConnectionAsync("auth=1", name);
        Assert.Equal("websocket", entry.GetProperty("type").GetString());
        Assert.Equal("1.3", entry.GetProperty("tls_version").GetString());
        var presented = Assert.Single(entry.GetProperty("tls_peer_certs").EnumerateArray());
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(broker.Peer.Cert));
        Assert.Equal(PeerSubject, presented.GetProperty("subject").GetString());
        AssertHashes(certificate, presented);
    }

    private NatsOpts Tls(string name, (string Cert, string Key) client) => NatsOpts.Default with
    {
        Url = $"tls://127.0.0.1:{broker.Natrium.Port}",
        Name = name,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        TlsOpts = new NatsTlsOpts { Mode = TlsMode.Require, CaFile = broker.Certificates.CaFile, CertFile = client.Cert, KeyFile = client.Key },
    };

    /// Checked against the certificate's own bytes: the SubjectPublicKeyInfo is cut out of the
    /// DER here, as Go's RawSubjectPublicKeyInfo is.
    private static void AssertHashes(X509Certificate2 certificate, JsonElement presented)
    {
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(SubjectPublicKeyInfo(certificate.RawData))), presented.GetProperty("spki_sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)), presented.GetProperty("cert_sha256").GetString());
    }

    /// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version, serialNumber,
    /// signature, issuer, validity, subject, subjectPublicKeyInfo, … }, … } (RFC 5280 §4.1).
    private static byte[] SubjectPublicKeyInfo(byte[] der)
    {
        var tbs = new AsnReader(der, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        for (var field = 0; field < 6; field++)
        {
            tbs.ReadEncodedValue();
        }

        return tbs.ReadEncodedValue().ToArray();
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new List<byte>();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!(line.Count >= 2 && line[^2] == '\r' && line[^1] == '\n'))
        {
            Assert.True(await stream.ReadAsync(one, timeout.Token) == 1, "the server closed before a full line: " + Encoding.ASCII.GetString([.. line]));
            line.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. line])[..^2];
    }
}
