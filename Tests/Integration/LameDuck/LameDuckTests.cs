using System.Net.Sockets;
using NATS.Client.Core;
using Natrium.Tests.TestKit;
using Xunit.Abstractions;

namespace Natrium.Tests.Integration.LameDuck;

/// `natrium --signal ldm=<pid>` on one node, as nats-server 2.9.10's lame duck mode
/// (spec/monitoring_cluster.md §12): the listener closes, clients that take an async INFO are
/// told `ldm`, the clients are closed after the grace period, and the process exits with 0.
public sealed class LameDuckTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Without_clients_the_node_shuts_down_at_once()
    {
        // A grace period of a minute: an exit well within it waited for nothing.
        await using var natrium = await ConfiguredNatrium.StartAsync("lame_duck_grace_period: \"1m\"\n");
        await NatriumProcess.SignalAsync("ldm", natrium.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await natrium.Process.WaitForExitAsync(Patience);
        Assert.True(natrium.Process.ExitCode == 0, natrium.Process.Output);
        Assert.Contains("Entering lame duck mode, stop accepting new clients", natrium.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Closing existing clients", natrium.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_are_told_then_closed_and_the_process_exits_0()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync(
            "lame_duck_duration: \"30s\"\nlame_duck_grace_period: \"1s\"\n", lameDuckDuration: TimeSpan.FromSeconds(3));

        var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var nats = new NatsConnection(new NatsOpts { Url = natrium.Url, MaxReconnectRetry = 0 });
        nats.LameDuckModeActivated += (_, e) =>
        {
            told.TrySetResult(e.Message);
            return ValueTask.CompletedTask;
        };
        await nats.ConnectAsync();
        await nats.PingAsync();

        // Raw clients for the exact bytes: protocol 1 takes async INFOs, protocol 0 never does.
        var (current, _) = await RawClient.ConnectAsync(natrium.Port);
        await using var protocol1 = current;
        await protocol1.SendAsync("CONNECT {\"protocol\":1,\"verbose\":false}\r\n");
        await protocol1.PingAsync();
        var (old, _) = await RawClient.ConnectAsync(natrium.Port);
        await using var protocol0 = old;
        await protocol0.SendAsync("CONNECT {\"verbose\":false}\r\n");
        await protocol0.PingAsync();

        // Through a pid file, which nats-server's --signal also takes.
        var pidFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(pidFile, natrium.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await NatriumProcess.SignalAsync("ldm", pidFile);
        }
        finally
        {
            File.Delete(pidFile);
        }

        var info = await protocol1.ExpectLineAsync("INFO ", Patience);
        Assert.EndsWith(",\"ldm\":true} ", info, StringComparison.Ordinal);
        Assert.DoesNotContain("connect_urls", info, StringComparison.Ordinal);

        // The INFO goes out after the listener closed: a new client is refused.
        var refused = await Assert.ThrowsAsync<SocketException>(async () =>
        {
            using var late = new TcpClient();
            await late.ConnectAsync("127.0.0.1", natrium.Port);
        });
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        await told.Task.WaitAsync(Patience);

        // Closed as at shutdown, without -ERR; the protocol 0 client never got the INFO.
        var afterInfo = await protocol1.ExpectClosedAsync(Patience);
        Assert.DoesNotContain("-ERR", afterInfo, StringComparison.Ordinal);
        var toOld = await protocol0.ExpectClosedAsync(Patience);
        Assert.DoesNotContain("INFO", toOld, StringComparison.Ordinal);
        Assert.DoesNotContain("-ERR", toOld, StringComparison.Ordinal);

        await natrium.Process.WaitForExitAsync(Patience);
        var log = natrium.Process.Output;
        output.WriteLine(log);
        Assert.True(natrium.Process.ExitCode == 0, log);
        var entering = log.IndexOf("Entering lame duck mode, stop accepting new clients", StringComparison.Ordinal);
        var closing = log.IndexOf("Closing existing clients", StringComparison.Ordinal);
        var shutdown = log.IndexOf("Initiating Shutdown...", StringComparison.Ordinal);
        Assert.True(entering >= 0 && entering < closing && closing < shutdown, log);
        Assert.Contains("Lame duck mode: the node stopped in", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_answers_503_with_nats_servers_error_once_lame_duck_closes_the_listener()
    {
        // A grace period longer than the test: the system client stays connected throughout.
        await using var natrium = await ConfiguredNatrium.StartAsync(
            "http: 127.0.0.1:-1\nlame_duck_duration: \"30s\"\nlame_duck_grace_period: \"20s\"\nsystem_account: SYS\n" +
            "accounts { SYS { users: [ { user: sys, password: p } ] } }\n", lameDuckDuration: TimeSpan.FromSeconds(25));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var healthz = natrium.MonitoringUrl + "/healthz";
        Assert.Equal("{\"status\":\"ok\"}", await http.GetStringAsync(healthz));

        await using var sys = new NatsConnection(new NatsOpts
        {
            Url = natrium.Url,
            AuthOpts = NatsAuthOpts.Default with { Username = "sys", Password = "p" },
            MaxReconnectRetry = 0,
        });
        await sys.ConnectAsync();
        await sys.PingAsync();
        await NatriumProcess.SignalAsync("ldm", natrium.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // nats-server 2.9.10 in lame duck (probed): 503, text/plain, its readiness error.
        const string NotReady = "{\"status\":\"error\",\"error\":\"failed to be ready for connections after 1ms: server\"}";
        var (status, contentType, body) = (0, string.Empty, string.Empty);
        await Eventually.TrueAsync(
            async () =>
            {
                using var response = await http.GetAsync(healthz);
                (status, contentType, body) = ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? string.Empty, await response.Content.ReadAsStringAsync());
                return status != 200;
            },
            "/healthz stops answering 200 once lame duck mode starts",
            Patience);
        Assert.Equal(503, status);
        Assert.Equal("text/plain; charset=utf-8", contentType);
        Assert.Equal(NotReady, body);
        Assert.Equal(503, (int)(await http.GetAsync(healthz + "?js-enabled-only=true")).StatusCode);

        // The same error over the system account, which still answers its connected clients.
        var reply = await sys.RequestAsync<byte[], byte[]>("$SYS.REQ.SERVER.PING.HEALTHZ", [], replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(5) });
        using var answer = System.Text.Json.JsonDocument.Parse(reply.Data!);
        Assert.Equal(NotReady, answer.RootElement.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task A_reload_that_changes_the_lame_duck_settings_is_refused_whole()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync("lame_duck_duration: \"30s\"\nmax_payload: 2KB\n");
        await natrium.ReloadAsync("lame_duck_duration: \"40s\"\nmax_payload: 4KB\n");
        await Eventually.TrueAsync(
            () => natrium.Process.Output.Contains("config reload not supported for LameDuckDuration: old=30s, new=40s", StringComparison.Ordinal),
            "the reload is refused with nats-server's text", () => natrium.Process.Output, Patience);

        await using var nats = new NatsConnection(new NatsOpts { Url = natrium.Url });
        await nats.ConnectAsync();
        Assert.Equal(2048, nats.ServerInfo!.MaxPayload);
    }
}
