using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Natrium.Silo.Hosting;

/// nats-server's log line (2.9.10, logger/log.go): `[<pid>] <yyyy/MM/dd HH:mm:ss.ffffff> [INF] <message>`,
/// without the time under `logtime: false` / `-T=false`. The one formatter of the process: the
/// console writes through it and so does the log file (FileLoggerProvider).
/// nats-server has no categories, so Natrium's own lines carry none; lines from other
/// components (Orleans, ASP.NET) keep a short `Orleans.Silo - ` prefix, in the style of
/// nats-server's `SYSTEM - ` and `cid:N - `, so a cluster problem still says where it came from.
/// A message of several lines (Orleans' options dumps) becomes several lines, each with the
/// header, blank ones dropped. An exception goes on the last line (type and message); its stack trace follows on lines that
/// carry the same `[pid] time [LVL]` header, so every line of the log matches the format.
internal sealed class NatsLogFormatter : ConsoleFormatter
{
    public const string FormatterName = "nats";

    private readonly string _pid = "[" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "] ";
    private readonly TimeProvider _clock;
    private readonly bool _header;
    private readonly NatsLogFormatterOptions _options;

    /// For the console, the log file and tests (LogSink); without the header for syslog, whose
    /// record carries its own time and severity (nats-server's syslog logger sends the bare message).
    internal NatsLogFormatter(NatsLogFormatterOptions options, TimeProvider clock, bool header = true)
        : base(FormatterName)
    {
        _options = options;
        _clock = clock;
        _header = header;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        Write(textWriter, logEntry.LogLevel, logEntry.Category, message, logEntry.Exception);
    }

    /// Writes one entry as one or more whole lines ending in '\n'.
    public void Write(TextWriter writer, LogLevel level, string category, string? message, Exception? exception)
    {
        var header = Header(level);
        var prefix = Prefix(category);
        var lines = (message ?? string.Empty).ReplaceLineEndings("\n").Split('\n');
        var last = Array.FindLastIndex(lines, l => l.Length > 0);
        writer.Write(header);
        writer.Write(prefix);
        writer.Write(lines[0]);
        for (var i = 1; i <= last; i++)
        {
            if (lines[i].Length > 0)
            {
                writer.Write('\n');
                writer.Write(header);
                writer.Write(prefix);
                writer.Write(lines[i]);
            }
        }

        if (exception is not null)
        {
            writer.Write(string.IsNullOrEmpty(message) ? string.Empty : ": ");
            writer.Write(exception.GetType().FullName);
            writer.Write(": ");
            writer.Write(OneLine(exception.Message));
            writer.Write('\n');
            foreach (var line in (exception.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                writer.Write(header);
                writer.Write("  ");
                writer.Write(line);
                writer.Write('\n');
            }

            if (exception.InnerException is { } inner)
            {
                Write(writer, level, category, "inner exception", inner);
            }

            return;
        }

        writer.Write('\n');
    }

    /// `[pid] ` + time + `[LVL] `, as nats-server's log.New with its pid prefix and label.
    private string Header(LogLevel level)
    {
        if (!_header)
        {
            return string.Empty;
        }

        if (!_options.LogTime)
        {
            return _pid + Label(level);
        }

        var now = _options.UseUtcTimestamp ? _clock.GetUtcNow() : TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), _clock.LocalTimeZone);
        return _pid + now.ToString("yyyy/MM/dd HH:mm:ss.ffffff ", CultureInfo.InvariantCulture) + Label(level);
    }

    /// nats-server's labels: INF, WRN, ERR, FTL, DBG, TRC.
    public static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "[TRC] ",
        LogLevel.Debug => "[DBG] ",
        LogLevel.Information => "[INF] ",
        LogLevel.Warning => "[WRN] ",
        LogLevel.Error => "[ERR] ",
        _ => "[FTL] ",
    };

    /// Nothing for Natrium's own categories; `First.Last - ` for anyone else's.
    internal static string Prefix(string category)
    {
        if (category.StartsWith("Natrium", StringComparison.Ordinal) || category.Length == 0)
        {
            return string.Empty;
        }

        var generic = category.IndexOf('[', StringComparison.Ordinal);
        var name = generic > 0 ? category[..generic] : category;
        var first = name.IndexOf('.', StringComparison.Ordinal);
        var last = name.LastIndexOf('.');
        return first < 0 ? name + " - " : name[..first] + "." + name[(last + 1)..] + " - ";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}

/// `logtime` (default true, -T) and `logtime_utc` of nats-server.
internal sealed class NatsLogFormatterOptions : ConsoleFormatterOptions
{
    public bool LogTime { get; set; } = true;
}
