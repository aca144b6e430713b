using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// `remote_syslog` as nats-server 2.9.10 sends it (probed with a UDP listener): every log line
/// a record `<PRI>2026-12-03T15:35:50Z host tag[pid]: message`, notice (5) for info and
/// trace, debug (7) for debug, nothing on stderr, secrets masked as in any trace.
public sealed partial class SyslogTests
{
    private const string Password = "pw-syslog-never-logged";

    [Fact]
    public async Task Syslog_remote_udp_gets_every_line_as_a_record()
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var records = new List<string>();
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var datagram = await listener.ReceiveAsync(stop.Token);
                lock (records)
                {
                    records.Add(Encoding.UTF8.GetString(datagram.Buffer));
                }
            }
        });

        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        await CheckRecordsAsync($"udp://127.0.0.1:{port}", () => { lock (records) { return [.. records]; } });
        await stop.CancelAsync();
        await receiving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task Syslog_remote_tcp_gets_every_line_as_a_record()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var text = new StringBuilder();
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(async () =>
        {
            using var connection = await listener.AcceptTcpClientAsync(stop.Token);
            var buffer = new byte[8192];
            int n;
            while ((n = await connection.GetStream().ReadAsync(buffer, stop.Token)) > 0)
            {
                lock (text)
                {
                    text.Append(Encoding.UTF8.GetString(buffer, 0, n));
                }
            }
        });

        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            await CheckRecordsAsync($"tcp://127.0.0.1:{port}", () =>
            {
                lock (text)
                {
                    // Records end in '\n' on a stream; only whole ones are looked at.
                    var all = text.ToString();
                    return [.. all[..(all.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r + "\n")];
                }
            });
        }
        finally
        {
            await stop.CancelAsync();
            await receiving.ContinueWith(_ => { }, TaskScheduler.Default);
            listener.Stop();
        }
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:1", "natrium: error connecting to syslog: \"")]
    [InlineData("foo://127.0.0.1:1", "natrium: error invalid network type: \"foo\"")]
    public async Task Syslog_unreachable_or_bad_remote_stops_the_start(string url, string expected)
    {
        var (code, output) = await NatriumProcess.RunAsync("-a", "127.0.0.1", "-p", "-1", "-r", url);

        Assert.Equal(1, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    private static async Task CheckRecordsAsync(string url, Func<List<string>> received)
    {
        await using var natrium = await ConfiguredNatrium.StartAsync($"remote_syslog: \"{url}\"\ndebug: true\ntrace: true\nauthorization {{ user: u, password: \"{Password}\" }}\n");
        var (client, _) = await RawClient.ConnectAsync(natrium.Port);
        await using (client)
        {
            await client.SendAsync($"CONNECT {{\"user\":\"u\",\"pass\":\"{Password}\",\"verbose\":false}}\r\nPING\r\n");
            await client.ExpectLineAsync("PONG");
        }

        await Eventually.TrueAsync(
            () => received().Any(r => r.Contains("<<- [PING]", StringComparison.Ordinal)),
            "the client's trace in the syslog records",
            () => string.Concat(received()) + natrium.Process.Output,
            TimeSpan.FromSeconds(15));

        var records = received();
        var pid = natrium.Process.Id;
        Assert.All(records, r => Assert.Matches(RemoteRecord(), r));
        Assert.All(records, r => Assert.Equal($"natrium[{pid}]:", RemoteRecord().Match(r).Groups["tag"].Value));
        string Message(string r) => RemoteRecord().Match(r).Groups["message"].Value;
        Assert.Contains(records, r => r.StartsWith("<5>", StringComparison.Ordinal) && Message(r) == "Starting nats-server");
        Assert.Contains(records, r => r.StartsWith("<5>", StringComparison.Ordinal) && Message(r) == "Server is ready");
        Assert.Contains(records, r => r.StartsWith("<7>", StringComparison.Ordinal) && Message(r).EndsWith(" - Client connection created", StringComparison.Ordinal));
        Assert.Contains(records, r => r.StartsWith("<5>", StringComparison.Ordinal)
            && Message(r).EndsWith(" - <<- [CONNECT {\"user\":\"u\",\"pass\":\"[REDACTED]\",\"verbose\":false}]", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Contains("never-logged", StringComparison.Ordinal));
        Assert.DoesNotContain("Server is ready", natrium.Process.Output, StringComparison.Ordinal);
    }

    /// `<PRI>RFC 3339 time host tag[pid]: message\n`, as Go's log/syslog writes to a server.
    [GeneratedRegex(@"^<\d+>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2}) \S+ (?<tag>\S+\[\d+\]:) (?<message>.*)\n$")]
    private static partial Regex RemoteRecord();
}
