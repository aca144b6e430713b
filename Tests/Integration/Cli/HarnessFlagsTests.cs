using System.Net.Http;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// Natrium started exactly as NATS client test harnesses start nats-server.
public sealed class HarnessFlagsTests
{
    [Fact]
    public async Task Harness_command_line_listens_on_random_ports_and_writes_the_ports_file()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-ports-");
        var store = Directory.CreateTempSubdirectory("natrium-store-");
        try
        {
            await using var natrium = NatriumProcess.Start("-a", "127.0.0.1", "-p", "-1", "-m", "-1", "-js", "-sd", store.FullName, "--ports_file_dir", dir.FullName);
            var portsFile = Path.Combine(dir.FullName, $"natrium_{natrium.Id}.ports");
            var (natsUrl, monitorUrl) = await natrium.WaitForPortsAsync(dir.FullName);
            Assert.StartsWith("nats://127.0.0.1:", natsUrl, StringComparison.Ordinal);
            Assert.StartsWith("http://127.0.0.1:", monitorUrl!, StringComparison.Ordinal);

            await using (var nc = new NatsConnection(new NatsOpts { Url = natsUrl }))
            {
                await using var sub = await nc.SubscribeCoreAsync<string>("harness.hello");
                await nc.PingAsync();
                await nc.PublishAsync("harness.hello", "world");
                var msg = await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
                Assert.Equal("world", msg.Data);
                Assert.True(nc.ServerInfo!.JetStreamAvailable);
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            Assert.Contains("\"ok\"", await http.GetStringAsync(monitorUrl + "/healthz"), StringComparison.Ordinal);

            natrium.Terminate();
            await natrium.WaitForExitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(0, natrium.ExitCode);
            Assert.False(File.Exists(portsFile), "the ports file is removed on clean shutdown");
        }
        finally
        {
            dir.Delete(recursive: true);
            store.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Started_through_a_link_named_nats_server_it_writes_the_ports_file_harnesses_look_for()
    {
        var dir = Directory.CreateTempSubdirectory("natrium-link-");
        try
        {
            var link = Path.Combine(dir.FullName, "nats-server");
            File.CreateSymbolicLink(link, NatriumProcess.ExecutablePath);
            await using var natrium = NatriumProcess.StartExecutable(link, null, new Dictionary<string, string?>(), "-a", "127.0.0.1", "-p", "-1", "-m", "-1", "--ports_file_dir", dir.FullName);
            var (natsUrl, monitorUrl) = await natrium.WaitForPortsAsync(dir.FullName, "nats-server");
            Assert.False(File.Exists(Path.Combine(dir.FullName, $"natrium_{natrium.Id}.ports")));

            // Clients connect, and /healthz answers, as soon as the ports file is there.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            Assert.Contains("\"ok\"", await http.GetStringAsync(monitorUrl + "/healthz"), StringComparison.Ordinal);
            await using var nc = new NatsConnection(new NatsOpts { Url = natsUrl });
            await nc.PingAsync();
            await natrium.WaitForOutputAsync("Listening for client connections on 127.0.0.1:");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Monitoring_port_is_listening_by_the_time_the_client_port_takes_a_connection()
    {
        var (clientPort, monitorPort) = (LoopbackPorts.Unused(), LoopbackPorts.Unused());
        await using var natrium = NatriumProcess.Start("-a", "127.0.0.1", "-p", clientPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", monitorPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await AcceptsAsync(clientPort))
        {
            Assert.True(DateTime.UtcNow < deadline && !natrium.HasExited, "the client port never opened: " + natrium.Output);
            await Task.Delay(2);
        }

        // nats-server starts its http monitor before its client listener: no client sees a
        // server whose /healthz is not there yet.
        Assert.True(await AcceptsAsync(monitorPort), "the client port took a connection before the monitoring port listened");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Assert.Contains("\"ok\"", await http.GetStringAsync($"http://127.0.0.1:{monitorPort}/healthz"), StringComparison.Ordinal);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var probe = new System.Net.Sockets.TcpClient();
        try
        {
            await probe.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Version_prints_a_line_harnesses_parse_like_nats_servers()
    {
        var (code, output) = await NatriumProcess.RunAsync("-v");
        Assert.Equal(0, code);
        Assert.Matches(@"^nats-server: v\d+\.\d+\.\d+ \(natrium v\d+\.\d+\.\d+\)\s*$", output);
    }

    [Fact]
    public async Task Busy_port_fails_start_with_one_line_reason()
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;
        var (code, output) = await NatriumProcess.RunAsync("-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0, code);
        Assert.Equal($"natrium: cannot listen for clients on 127.0.0.1:{port}: Address already in use", output.Trim());
    }

    [Fact]
    public async Task Busy_monitoring_port_fails_start_with_one_line_reason()
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (code, output) = await NatriumProcess.RunAsync("-a", "127.0.0.1", "-p", "-1", "-m", port);
        Assert.NotEqual(0, code);
        Assert.Contains($"natrium: cannot listen for monitoring on 127.0.0.1:{port}: Address already in use", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_flag_fails_with_nats_server_wording()
    {
        var (code, output) = await NatriumProcess.RunAsync("--no-such-flag");
        Assert.Equal(1, code);
        Assert.StartsWith("natrium: flag provided but not defined: --no-such-flag", output, StringComparison.Ordinal);
    }
}
