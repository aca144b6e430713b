using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Natrium.Silo.Hosting;

/// Where the log goes, chosen in nats-server's order (server/log.go ConfigureLogger): the log
/// file, else the remote syslog, else the local syslog, else stderr; each in nats-server's
/// format (NatsLogFormatter, SyslogRecord). Built at start and again when a reload changes it.
internal static class LogSink
{
    /// Throws SyslogUnavailableException when the syslog asked for cannot be reached.
    public static ILoggerProvider Create(ServerOptions options)
    {
        var format = new NatsLogFormatterOptions { LogTime = options.LogTime, UseUtcTimestamp = options.LogTimeUtc };
        if (options.LogFile is not null)
        {
            return new FileLoggerProvider(options.LogFile, options.LogSizeLimit, new NatsLogFormatter(format, TimeProvider.System)) { MaxFiles = options.LogMaxFiles };
        }

        if (options.RemoteSyslog is { } remote)
        {
            return new SyslogLoggerProvider(SyslogTarget.ParseRemote(remote).Target!);
        }

        if (options.Syslog)
        {
            return new SyslogLoggerProvider(SyslogTarget.Local());
        }

        var console = new ConsoleLoggerOptions { FormatterName = NatsLogFormatter.FormatterName, LogToStandardErrorThreshold = LogLevel.Trace };
        return new ConsoleLoggerProvider(new FixedOptions<ConsoleLoggerOptions>(console), [new NatsLogFormatter(format, TimeProvider.System)]);
    }

    /// Whether a reload asks for another sink. log_size_limit is among them here, where
    /// nats-server 2.9.10 refuses a reload that changes it.
    public static bool Differs(ServerOptions running, ServerOptions next) =>
        running.LogFile != next.LogFile || running.RemoteSyslog != next.RemoteSyslog || running.Syslog != next.Syslog
        || running.LogTime != next.LogTime || running.LogTimeUtc != next.LogTimeUtc || running.LogSizeLimit != next.LogSizeLimit;

    private sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
