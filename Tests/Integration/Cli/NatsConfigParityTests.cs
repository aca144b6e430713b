using System.Net.Security;
using System.Net.Sockets;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// nats-server.conf files that NATS.Net's own integration tests use, which must run unchanged
/// (issue 16 item 8), each as nats-server 2.9.10 runs it.
public sealed class NatsConfigParityTests
{
    [Fact]
    public async Task An_inline_array_of_route_urls_parses()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-routes-");
        try
        {
            var file = Path.Combine(dir.FullName, "routes.conf");
            await File.WriteAllTextAsync(file, "listen: 127.0.0.1:-1\ncluster {\n  routes: [nats://127.0.0.1:1030,nats://127.0.0.1:1031]\n}\n");
            var (code, output) = await NatriumProcess.RunAsync("-t", "-c", file);
            Assert.True(code == 0, output);
            Assert.Contains("is valid", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_empty_tls_block_starts_a_listener_that_requires_tls_and_completes_no_handshake()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync("tls {}\n");
        await natrium.Process.WaitForOutputAsync("TLS has no cert_file and key_file");

        var (client, info) = await RawClient.ConnectAsync(natrium.Port);
        await using (client)
        {
            Assert.Contains("\"tls_required\":true", info, StringComparison.Ordinal);
        }

        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", natrium.Port);
        var stream = tcp.GetStream();
        var line = new byte[4096];
        _ = await stream.ReadAsync(line);
        await using var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await Assert.ThrowsAnyAsync<Exception>(() => ssl.AuthenticateAsClientAsync("localhost").WaitAsync(TimeSpan.FromSeconds(30)));
        await natrium.Process.WaitForOutputAsync("TLS handshake error: tls: no certificates configured");
    }

    [Fact]
    public async Task A_user_without_a_password_logs_in_without_one_and_the_start_warns()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync("authorization { users: [ { user: nopw } ] }\n");
        await natrium.Process.WaitForOutputAsync("User \"nopw\" has no password: a client that names it logs in without one");

        await using (var nc = new NatsConnection(new NatsOpts { Url = natrium.Url, AuthOpts = NatsAuthOpts.Default with { Username = "nopw" } }))
        {
            await nc.PingAsync();
        }

        await using var guessing = new NatsConnection(new NatsOpts
        {
            Url = natrium.Url,
            AuthOpts = NatsAuthOpts.Default with { Username = "nopw", Password = "guess" },
            MaxReconnectRetry = 0,
        });
        await Assert.ThrowsAnyAsync<NatsException>(async () => await guessing.ConnectAsync());
    }
}
