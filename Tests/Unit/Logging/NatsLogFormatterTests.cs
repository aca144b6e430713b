using System.Globalization;
using Microsoft.Extensions.Logging;
using Natrium.Silo.Hosting;

namespace Natrium.Tests.Unit.Logging;

/// NatsLogFormatter against lines recorded from nats-server 2.9.10, e.g.
/// `[3275] 2026/12/03 11:08:25.769158 [INF] Starting nats-server`.
public sealed class NatsLogFormatterTests
{
    private static readonly string Pid = $"[{Environment.ProcessId}] ";

    [Theory]
    [InlineData(LogLevel.Trace, "[TRC] ")]
    [InlineData(LogLevel.Debug, "[DBG] ")]
    [InlineData(LogLevel.Information, "[INF] ")]
    [InlineData(LogLevel.Warning, "[WRN] ")]
    [InlineData(LogLevel.Error, "[ERR] ")]
    [InlineData(LogLevel.Critical, "[FTL] ")]
    public void Formatter_each_level_has_nats_server_label(LogLevel level, string label)
    {
        var line = Format(new NatsLogFormatterOptions { UseUtcTimestamp = true }, level, "Natrium.Gateway.Hosting.GatewayNode", "Server is ready");

        Assert.Equal(Pid + "2026/12/03 09:35:28.932665 " + label + "Server is ready\n", line);
    }

    [Fact]
    public void Formatter_logtime_false_drops_the_timestamp()
    {
        var line = Format(new NatsLogFormatterOptions { LogTime = false }, LogLevel.Information, "Natrium.Silo", "Starting nats-server");

        Assert.Equal(Pid + "[INF] Starting nats-server\n", line);
    }

    [Fact]
    public void Formatter_local_time_by_default_as_nats_server()
    {
        var line = Format(new NatsLogFormatterOptions(), LogLevel.Information, "Natrium.Silo", "x");

        // The fake clock's local zone is UTC+2.
        Assert.Equal(Pid + "2026/12/03 11:35:28.932665 [INF] x\n", line);
    }

    [Theory]
    [InlineData("Orleans.Runtime.MembershipService.MembershipTableManager", "Orleans.MembershipTableManager - ")]
    [InlineData("Microsoft.Hosting.Lifetime", "Microsoft.Lifetime - ")]
    [InlineData("Orleans.Runtime.Catalog[Orleans.Grain]", "Orleans.Catalog - ")]
    [InlineData("Polly", "Polly - ")]
    [InlineData("Natrium.Gateway.Connections.ClientConnection", "")]
    public void Formatter_category_only_for_other_components(string category, string prefix)
    {
        var line = Format(new NatsLogFormatterOptions { LogTime = false }, LogLevel.Warning, category, "m");

        Assert.Equal(Pid + "[WRN] " + prefix + "m\n", line);
    }

    [Fact]
    public void Formatter_multi_line_message_every_line_keeps_the_header()
    {
        var text = Format(new NatsLogFormatterOptions { LogTime = false }, LogLevel.Information, "Orleans.Runtime.SiloOptionsLogger", "Configuration X:\r\nA: 1\n\nB: 2\n");

        Assert.Equal(
            Pid + "[INF] Orleans.SiloOptionsLogger - Configuration X:\n" + Pid + "[INF] Orleans.SiloOptionsLogger - A: 1\n" + Pid + "[INF] Orleans.SiloOptionsLogger - B: 2\n",
            text);
    }

    [Fact]
    public void Formatter_exception_every_line_keeps_the_header()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("bad\nthing", new TimeoutException("late"));
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        var text = Format(new NatsLogFormatterOptions { LogTime = false }, LogLevel.Error, "Natrium.Silo", "Serving client 4 failed", thrown);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Pid + "[ERR] Serving client 4 failed: System.InvalidOperationException: bad thing", lines[0]);
        Assert.All(lines, l => Assert.StartsWith(Pid + "[ERR] ", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("inner exception: System.TimeoutException: late", StringComparison.Ordinal));
        Assert.True(lines.Length > 2, text);
    }

    private static string Format(NatsLogFormatterOptions options, LogLevel level, string category, string message, Exception? exception = null)
    {
        var formatter = new NatsLogFormatter(options, new FixedClock());
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        formatter.Write(writer, level, category, message, exception);
        return writer.ToString();
    }

    private sealed class FixedClock : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");

        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 12, 3, 9, 35, 28, TimeSpan.Zero).AddTicks(9326650);
    }
}
