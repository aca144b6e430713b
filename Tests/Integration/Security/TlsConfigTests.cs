using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Security;

/// TLS configured by file or flags, run as a process: INFO then upgrade, handshake_first,
/// allow_non_tls, and the shipped example with certificates generated at test time.
public sealed class TlsConfigTests
{
    [Theory]
    [InlineData("", TlsMode.Require)]
    [InlineData("handshake_first: true", TlsMode.Implicit)]
    [InlineData("cipher_suites: [\"TLS_AES_128_GCM_SHA256\", \"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\"]", TlsMode.Require)]
    public async Task Tls_block_serves_nats_clients(string extra, TlsMode mode)
    {
        using var certs = new TestCertificates();
        var conf = Path.Combine(certs.Directory, "tls.conf");
        await File.WriteAllTextAsync(conf, $$"""
            listen: 127.0.0.1:-1
            ports_file_dir: "{{certs.Directory}}"
            tls { cert_file: "{{certs.ServerCertFile}}", key_file: "{{certs.ServerKeyFile}}", {{extra}} }
            """);
        await using var natrium = NatriumProcess.Start("-c", conf);
        var (url, _) = await natrium.WaitForPortsAsync(certs.Directory);
        await using var nc = new NatsConnection(new NatsOpts { Url = url.Replace("nats://", "tls://", StringComparison.Ordinal), TlsOpts = new NatsTlsOpts { Mode = mode, CaFile = certs.CaFile } });
        await nc.ConnectAsync();
        await nc.PingAsync();
    }

    [Fact]
    public async Task Connection_rate_limit_throttles_handshakes_beyond_the_limit()
    {
        using var certs = new TestCertificates();
        var conf = Path.Combine(certs.Directory, "throttle.conf");
        await File.WriteAllTextAsync(conf, $$"""
            listen: 127.0.0.1:-1
            ports_file_dir: "{{certs.Directory}}"
            tls { cert_file: "{{certs.ServerCertFile}}", key_file: "{{certs.ServerKeyFile}}", connection_rate_limit: 1 }
            """);
        await using var natrium = NatriumProcess.Start("-c", conf);
        var (url, _) = await natrium.WaitForPortsAsync(certs.Directory);
        var port = new Uri(url).Port;

        // One handshake per second: of two connections made back to back, the second is told
        // off in plaintext after INFO and closed. A slow machine may let a second pass between
        // them, so a few attempts are allowed.
        string? throttled = null;
        for (var attempt = 0; attempt < 5 && throttled is null; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.1));
            var (first, _) = await RawClient.ConnectAsync(port);
            var (second, _) = await RawClient.ConnectAsync(port);
            await using (first)
            await using (second)
            {
                var rest = await second.ExpectClosedAsync(TimeSpan.FromSeconds(5));
                if (rest.Contains("-ERR", StringComparison.Ordinal))
                {
                    throttled = rest;
                }
            }
        }

        Assert.Equal("-ERR 'Connection throttling is active. Please try again later.'\r\n", throttled);
        await using var nc = new NatsConnection(new NatsOpts { Url = url.Replace("nats://", "tls://", StringComparison.Ordinal), TlsOpts = new NatsTlsOpts { Mode = TlsMode.Require, CaFile = certs.CaFile } });
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await nc.ConnectAsync();
        await nc.PingAsync();
    }

    [Fact]
    public async Task Allow_non_tls_serves_plaintext_and_tls_clients()
    {
        using var certs = new TestCertificates();
        await using var natrium = NatriumProcess.Start("-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", certs.Directory, "--tls", "--tlscert", certs.ServerCertFile, "--tlskey", certs.ServerKeyFile);
        var (url, _) = await natrium.WaitForPortsAsync(certs.Directory);
        await using var tls = new NatsConnection(new NatsOpts { Url = url, TlsOpts = new NatsTlsOpts { Mode = TlsMode.Require, CaFile = certs.CaFile } });
        await tls.ConnectAsync();
        await tls.PingAsync();
    }

    [Fact]
    public async Task Tls_example_config_is_valid_with_its_certificates()
    {
        using var certs = new TestCertificates();
        var example = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Examples, "tls.conf"));
        Directory.CreateDirectory(Path.Combine(certs.Directory, "certs"));
        File.Copy(certs.ServerCertFile, Path.Combine(certs.Directory, "certs", "server.pem"));
        File.Copy(certs.ServerKeyFile, Path.Combine(certs.Directory, "certs", "server-key.pem"));
        File.Copy(certs.CaFile, Path.Combine(certs.Directory, "certs", "ca.pem"));
        var conf = Path.Combine(certs.Directory, "tls.conf");
        await File.WriteAllTextAsync(conf, example);
        var (code, output) = await NatriumProcess.RunInAsync(certs.Directory, "-t", "-c", conf);
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Missing_certificate_file_fails_the_check_with_the_file_name()
    {
        using var certs = new TestCertificates();
        var conf = Path.Combine(certs.Directory, "bad.conf");
        await File.WriteAllTextAsync(conf, "tls { cert_file: \"/nonexistent/s.pem\", key_file: \"/nonexistent/k.pem\" }\n");
        var (code, output) = await NatriumProcess.RunAsync("-t", "-c", conf);
        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/s.pem", output, StringComparison.Ordinal);
    }
}
