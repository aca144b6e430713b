using System.Text;
using Microsoft.Extensions.Logging;
using Natrium.Silo.Hosting;

namespace Natrium.Tests.Unit.Logging;

/// Syslog records as nats-server 2.9.10 sends them through Go's log/syslog, e.g. recorded with
/// `-r udp://127.0.0.1:15514`: `<5>2026-12-03T15:35:50Z vm nats-server[11526]: Starting nats-server\n`.
public sealed class SyslogRecordTests
{
    private static readonly DateTimeOffset UtcTime = new(2026, 12, 3, 15, 35, 50, 123, TimeSpan.Zero);

    [Theory]
    [InlineData(LogLevel.Information, 5)]
    [InlineData(LogLevel.Trace, 5)]
    [InlineData(LogLevel.Debug, 7)]
    [InlineData(LogLevel.Warning, 4)]
    [InlineData(LogLevel.Error, 3)]
    [InlineData(LogLevel.Critical, 2)]
    public void Syslog_remote_record_has_kern_priority_rfc3339_time_host_tag_and_pid(LogLevel level, int priority)
    {
        var record = SyslogRecord.Format(false, SyslogRecord.KernFacility, level, UtcTime, "vm", "nats-server", 11526, "Starting nats-server");

        Assert.Equal($"<{priority}>2026-12-03T15:35:50Z vm nats-server[11526]: Starting nats-server\n", Encoding.UTF8.GetString(record));
    }

    [Fact]
    public void Syslog_remote_record_time_carries_its_offset_when_not_utc()
    {
        var record = SyslogRecord.Format(false, SyslogRecord.KernFacility, LogLevel.Information, UtcTime.ToOffset(TimeSpan.FromHours(-5.5)), "h", "natrium", 1, "x");

        Assert.Equal("<5>2026-12-03T10:05:50-05:30 h natrium[1]: x\n", Encoding.UTF8.GetString(record));
    }

    [Fact]
    public void Syslog_local_record_has_daemon_priority_short_time_and_no_host()
    {
        var early = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

        var record = SyslogRecord.Format(true, SyslogRecord.DaemonFacility, LogLevel.Warning, early, "ignored", "natrium", 42, "careful");

        // Go's time.Stamp pads the day with a space.
        Assert.Equal("<28>Jan  2 03:04:05 natrium[42]: careful\n", Encoding.UTF8.GetString(record));
    }

    [Theory]
    [InlineData("udp://127.0.0.1:514", "udp", "127.0.0.1", 514)]
    [InlineData("tcp://logs.example:6514", "tcp", "logs.example", 6514)]
    [InlineData("udp://[::1]:514", "udp", "::1", 514)]
    public void Syslog_remote_url_gives_network_host_and_port(string url, string network, string host, int port)
    {
        var (target, error) = SyslogTarget.ParseRemote(url);

        Assert.Null(error);
        Assert.Equal(network, target!.Network);
        Assert.Equal((host, port), target.HostAndPort());
        Assert.False(target.IsLocal);
    }

    [Fact]
    public void Syslog_unix_url_is_a_local_style_stream_socket()
    {
        var (target, error) = SyslogTarget.ParseRemote("unix:///var/run/syslog.sock");

        Assert.Null(error);
        Assert.Equal(("unix", "/var/run/syslog.sock"), (target!.Network, target.Address));
        Assert.True(target.IsLocal);
    }

    [Theory]
    [InlineData("foo://127.0.0.1:514", "error invalid network type: \"foo\"")]
    [InlineData("127.0.0.1:514", "remote_syslog: cannot parse \"127.0.0.1:514\" as a URL such as udp://localhost:514")]
    [InlineData("udp://127.0.0.1", "remote_syslog: \"udp://127.0.0.1\" needs a host and a port")]
    public void Syslog_bad_remote_url_is_refused(string url, string expected)
    {
        var (target, error) = SyslogTarget.ParseRemote(url);

        Assert.Null(target);
        Assert.Equal(expected, error);
    }
}
