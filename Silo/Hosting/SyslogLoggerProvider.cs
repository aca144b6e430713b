using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Natrium.Silo.Hosting;

/// nats-server's `syslog` / `remote_syslog`: every log line becomes one syslog record
/// (SyslogRecord) with the bare message, as nats-server's syslog logger sends it: no pid, time
/// or `[INF]` label, which the record carries itself. A message of several lines goes as
/// several records. The tag is the name the program was started under (nats-server's argv[0]).
internal sealed class SyslogLoggerProvider : ILoggerProvider
{
    private readonly SyslogTarget _target;
    private readonly SyslogSender _sender;
    private readonly NatsLogFormatter _formatter;
    private readonly TimeProvider _clock;
    private readonly string _host = Dns.GetHostName();
    private readonly string _tag = ProgramName.Current;
    private readonly int _pid = Environment.ProcessId;
    private readonly Lock _lock = new();
    /// Set once disposed: a reload replaced this sink, and late entries are dropped.
    private bool _disposed;

    /// Connects now: throws SyslogUnavailableException when the target cannot be reached.
    public SyslogLoggerProvider(SyslogTarget target, TimeProvider? clock = null)
    {
        _target = target;
        _sender = new SyslogSender(target);
        _clock = clock ?? TimeProvider.System;
        _formatter = new NatsLogFormatter(new NatsLogFormatterOptions(), _clock, header: false);
    }

    public ILogger CreateLogger(string categoryName) => new SyslogLogger(this, categoryName);

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _sender.Dispose();
        }
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        _formatter.Write(text, level, category, message, exception);
        var facility = _target.Network == "local" ? SyslogRecord.DaemonFacility : SyslogRecord.KernFacility;
        var now = TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), _clock.LocalTimeZone);
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var line in text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                _sender.Send(SyslogRecord.Format(_target.IsLocal, facility, level, now, _host, _tag, _pid, line));
            }
        }
    }

    private sealed class SyslogLogger(SyslogLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.Length > 0 || exception is not null)
            {
                owner.Write(logLevel, category, message, exception);
            }
        }
    }
}
