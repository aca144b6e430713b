using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Security;

/// A config reload re-reads the certificate files: new clients get the new certificate while
/// clients connected with the old one keep their connection (nats-server does the same).
public sealed class TlsReloadTests
{
    [Fact]
    public async Task Reload_serves_the_new_certificate_and_keeps_existing_tls_clients()
    {
        using var first = new TestCertificates("Reload CA One");
        using var second = new TestCertificates("Reload CA Two");
        var live = Directory.CreateTempSubdirectory("natrium-live-certs-").FullName;
        try
        {
            var certFile = Path.Combine(live, "server.pem");
            var keyFile = Path.Combine(live, "server-key.pem");
            File.Copy(first.ServerCertFile, certFile);
            File.Copy(first.ServerKeyFile, keyFile);
            var body = $"tls {{ cert_file: \"{certFile}\", key_file: \"{keyFile}\" }}\n";
            await using var natrium = await ConfiguredNatrium.StartAsync(body);
            Assert.Equal("CN=Reload CA One", await ServerCertificateIssuerAsync(natrium.Port));

            await using var old = new NatsConnection(TlsOpts(natrium.Url, first.CaFile));
            var drops = 0;
            old.ConnectionDisconnected += (_, _) =>
            {
                Interlocked.Increment(ref drops);
                return ValueTask.CompletedTask;
            };
            await old.ConnectAsync();
            await using var sub = await old.SubscribeCoreAsync<string>("reload.check");
            await old.PingAsync();

            File.Copy(second.ServerCertFile, certFile, overwrite: true);
            File.Copy(second.ServerKeyFile, keyFile, overwrite: true);
            await natrium.ReloadAsync(body);
            await Eventually.TrueAsync(
                async () => await ServerCertificateIssuerAsync(natrium.Port) == "CN=Reload CA Two",
                "new connections are served the certificate issued by CA Two after SIGHUP");

            await old.PublishAsync("reload.check", "still here");
            var message = await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal("still here", message.Data);
            Assert.Equal(0, Volatile.Read(ref drops));

            await using var fresh = new NatsConnection(TlsOpts(natrium.Url, second.CaFile));
            await fresh.ConnectAsync();
            await fresh.PingAsync();
        }
        finally
        {
            Directory.Delete(live, recursive: true);
        }
    }

    private static NatsOpts TlsOpts(string url, string caFile) => NatsOpts.Default with
    {
        Url = url.Replace("nats://", "tls://", StringComparison.Ordinal),
        TlsOpts = new NatsTlsOpts { Mode = TlsMode.Require, CaFile = caFile },
        MaxReconnectRetry = 0,
    };

    /// Reads INFO, upgrades, and returns the issuer of the certificate the server presented.
    private static async Task<string> ServerCertificateIssuerAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != (byte)'\n')
        {
        }

        string? issuer = null;
        await using var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, _, _) =>
        {
            issuer = certificate?.Issuer;
            return true;
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" }, timeout.Token);
        return issuer ?? throw new InvalidOperationException("the server presented no certificate");
    }
}
