using System.Net;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// When the dashboard is served, and what `natrium -t` says about its block and about https.
[Collection("monitoring")]
public sealed class DashboardConfigTests
{
    [Theory]
    [InlineData("")]
    [InlineData("dashboard { enabled: false, username: admin, password: pw }")]
    public async Task Dashboard_is_not_found_when_off_and_monitoring_still_works(string block)
    {
        await using var natrium = await ConfiguredNatrium.StartAsync("http: 127.0.0.1:-1\n" + block);
        using var http = DashboardFixture.Client("admin", "pw");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(natrium.MonitoringUrl + "/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(natrium.MonitoringUrl + "/grainz")).StatusCode);
        Assert.Contains("\"ok\"", await http.GetStringAsync(natrium.MonitoringUrl + "/healthz"), StringComparison.Ordinal);
        Assert.Contains("\"server_id\"", await http.GetStringAsync(natrium.MonitoringUrl + "/varz"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http: 8222\ndashboard { enabled: true }", "dashboard: username and password are required")]
    [InlineData("http: 8222\ndashboard { username: admin }", null)]
    [InlineData("dashboard { username: admin, password: pw }", "dashboard: needs the monitoring listener")]
    [InlineData("http: 8222\ndashboard { username: admin, password: pw, port: 1 }", "unknown field \"port\"")]
    [InlineData("https: 8222", "TLS cert and key required for HTTPS")]
    [InlineData("http: 8222\nhttps_port: 8223", "can't specify both HTTP (8222) and HTTPs (8223) ports")]
    [InlineData("http: 8222\ndashboard { username: admin, password: pw }", null)]
    [InlineData("http: 8222\nhttp_auth { username: mon }", "http_auth: username and password go together")]
    [InlineData("http: 8222\nhttp_auth { }", "http_auth: needs a username and password, or a token")]
    [InlineData("http_auth { token: t }", "http_auth: needs the monitoring listener")]
    [InlineData("http: 8222\nhttp_auth { token: t, realm: x }", "unknown field \"realm\"")]
    [InlineData("http: 8222\nhttp_base_path: /nats\nmax_closed_clients: 5\nhttp_auth { token: t }", null)]
    public async Task Test_mode_checks_the_dashboard_and_https_settings(string body, string? error)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, body);
            var (code, output) = await NatriumProcess.RunAsync("-t", "-c", path);
            Assert.True((code == 0) == (error is null), output);
            if (error is not null)
            {
                Assert.Contains(error, output, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_reload_replaces_the_dashboard_credentials()
    {
        const string Listener = "http: 127.0.0.1:-1\n";
        await using var natrium = await ConfiguredNatrium.StartAsync(Listener + "dashboard { username: admin, password: old-pw }");
        using var old = DashboardFixture.Client("admin", "old-pw");
        using var fresh = DashboardFixture.Client("admin", "new-pw");
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync(natrium.MonitoringUrl + "/grainz")).StatusCode);

        await natrium.ReloadAsync(Listener + "dashboard { username: admin, password: new-pw }");
        await Eventually.TrueAsync(async () => (await fresh.GetAsync(natrium.MonitoringUrl + "/grainz")).StatusCode == HttpStatusCode.OK, "the new password is accepted", TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync(natrium.MonitoringUrl + "/grainz")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_takes_a_bcrypt_password()
    {
        // A bcrypt test vector (cost 5): the password is "U*U".
        await using var natrium = await ConfiguredNatrium.StartAsync("http: 127.0.0.1:-1\ndashboard { username: admin, password: $2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW }");
        using var right = DashboardFixture.Client("admin", "U*U");
        using var wrong = DashboardFixture.Client("admin", "U*U*");
        // The second request of the same header passes on the digest of the first.
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync(natrium.MonitoringUrl + "/grainz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync(natrium.MonitoringUrl + "/grainz")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(natrium.MonitoringUrl + "/grainz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync(natrium.MonitoringUrl + "/grainz")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_varz_and_connz_are_served_over_https_with_the_tls_certificate_and_plain_http_is_refused_as_go_does()
    {
        using var certificates = new TestCertificates();
        await using var natrium = await ConfiguredNatrium.StartAsync($$"""
            https: 127.0.0.1:-1
            tls { cert_file: "{{certificates.ServerCertFile}}", key_file: "{{certificates.ServerKeyFile}}" }
            dashboard { username: admin, password: pw }
            """);
        Assert.StartsWith("https://127.0.0.1:", natrium.MonitoringUrl, StringComparison.Ordinal);
        using var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(certificates.CaFile);
        using var handler = new HttpClientHandler
        {
            // Trust only the test CA, as a browser given that CA would.
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        using var http = DashboardFixture.Client("admin", "pw", handler);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(natrium.MonitoringUrl + "/dashboard/")).StatusCode);
        using var anonymous = DashboardFixture.Client(handler: new HttpClientHandler { ServerCertificateCustomValidationCallback = handler.ServerCertificateCustomValidationCallback });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(natrium.MonitoringUrl + "/grainz")).StatusCode);

        // nats-server's endpoints on the same listener, open as in 2.9.10 (probed with https
        // and this tls block): the client port requires TLS too, and /connz shows its version.
        await using var nc = new NatsConnection(new NatsOpts
        {
            Url = natrium.Url.Replace("nats://", "tls://", StringComparison.Ordinal),
            Name = "over-tls",
            TlsOpts = new NatsTlsOpts { Mode = TlsMode.Require, CaFile = certificates.CaFile },
        });
        await nc.ConnectAsync();
        var port = new Uri(natrium.MonitoringUrl!).Port;
        using var varz = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync(natrium.MonitoringUrl + "/varz"));
        Assert.Equal(0, varz.RootElement.GetProperty("http_port").GetInt32());
        Assert.Equal(port, varz.RootElement.GetProperty("https_port").GetInt32());
        Assert.True(varz.RootElement.GetProperty("tls_required").GetBoolean());
        Assert.Equal(1, varz.RootElement.GetProperty("connections").GetInt32());
        using var connz = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync(natrium.MonitoringUrl + "/connz"));
        var connection = Assert.Single(connz.RootElement.GetProperty("connections").EnumerateArray());
        Assert.Equal("over-tls", connection.GetProperty("name").GetString());
        Assert.Equal("1.3", connection.GetProperty("tls_version").GetString());
        Assert.StartsWith("TLS_", connection.GetProperty("tls_cipher_suite").GetString(), StringComparison.Ordinal);

        // Plain HTTP to the https port: Go's answer, which 2.9.10 gives, then the close.
        using var plain = new System.Net.Sockets.TcpClient();
        await plain.ConnectAsync("127.0.0.1", port);
        await using var stream = plain.GetStream();
        await stream.WriteAsync("GET /varz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"u8.ToArray());
        using var reader = new StreamReader(stream);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n", answer);
    }
}
