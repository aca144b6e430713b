using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Natrium.Silo.Hosting;

namespace Natrium.Tests.Unit.Logging;

/// `syslog: true` against a unix datagram socket standing in for /dev/log (the provider takes
/// the daemon's paths so a test can point it at its own): one record per line, facility daemon,
/// the bare message with the `cid:N - ` style prefix but no `[INF]` header.
public sealed partial class SyslogLocalTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("natrium-syslog-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Syslog_local_sends_one_datagram_per_line_to_the_first_socket_that_answers()
    {
        var path = Path.Combine(_dir.FullName, "log");
        using var daemon = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        daemon.Bind(new UnixDomainSocketEndPoint(path));
        daemon.ReceiveTimeout = 10_000;

        using (var provider = new SyslogLoggerProvider(SyslogTarget.Local([Path.Combine(_dir.FullName, "missing"), path])))
        {
            var logger = provider.CreateLogger("Natrium.Silo");
            logger.LogWarning("Server is ready");
            logger.LogInformation("first\nsecond");
            provider.CreateLogger("Orleans.Runtime.Silo").LogError("cluster trouble");
        }

        var records = Enumerable.Range(0, 4).Select(_ => Receive(daemon)).ToList();
        var tag = ProgramName.Current;
        Assert.All(records, r => Assert.Matches(LocalRecord(), r));
        Assert.Equal(
            [$"<28> {tag}[{Environment.ProcessId}]: Server is ready", $"<29> {tag}[{Environment.ProcessId}]: first",
             $"<29> {tag}[{Environment.ProcessId}]: second", $"<27> {tag}[{Environment.ProcessId}]: Orleans.Silo - cluster trouble"],
            records.Select(r => LocalRecord().Replace(r, "$1 $2").TrimEnd('\n')));
    }

    [Fact]
    public void Syslog_local_without_a_daemon_refuses_to_start_as_nats_server()
    {
        var e = Assert.Throws<SyslogUnavailableException>(() => new SyslogLoggerProvider(SyslogTarget.Local([Path.Combine(_dir.FullName, "none")])));

        Assert.Equal("error connecting to syslog: \"Unix syslog delivery error\"", e.Message);
    }

    private static string Receive(Socket socket)
    {
        var buffer = new byte[4096];
        var n = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    /// `<PRI>Mmm _d HH:mm:ss tag[pid]: message\n`; the replacement keeps PRI and what follows the time.
    [GeneratedRegex(@"^(<\d+>)[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} (\S+\[\d+\]: .*\n)$")]
    private static partial Regex LocalRecord();
}
