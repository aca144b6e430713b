using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Natrium.Silo.Hosting;

/// nats-server's log_file / -l: log lines appended to a file instead of the console, in the
/// console's format (NatsLogFormatter). With log_size_limit (logfile_size_limit,
/// --log_size_limit) above 0 the file is rotated as nats-server 2.9.10 does (logger/log.go):
/// once a write takes the file past the limit, it is renamed to
/// `<file>.yyyy.MM.dd.HH.mm.ss.<9-digit nanoseconds>` (local time) and a new file starts with
/// `Rotated log, backup saved as "<backup>"`. With logfile_max_num (log_max_num, nats-server
/// 2.10+) above 0, the oldest backups are then deleted so that at most that many files remain,
/// the current one included, each with `Purged log file "<backup name>"`; 0 keeps them all.
/// One writer for every category; an entry is formatted and written whole under the lock.
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly string _path;
    private readonly long _sizeLimit;
    private readonly NatsLogFormatter _formatter;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private StreamWriter _writer;
    private long _written;
    /// Set once disposed: a reload replaced this sink, and late entries are dropped.
    private bool _disposed;

    public FileLoggerProvider(string path, long sizeLimit, NatsLogFormatter formatter, TimeProvider? clock = null)
    {
        _path = Path.GetFullPath(path);
        _sizeLimit = sizeLimit;
        _formatter = formatter;
        _clock = clock ?? TimeProvider.System;
        _writer = Open(_path);
        _written = _writer.BaseStream.Length;
    }

    /// logfile_max_num: changed by a config reload, read at each rotation.
    public long MaxFiles { get; set; }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _writer.Dispose();
        }
    }

    private static StreamWriter Open(string path) =>
        new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete)) { AutoFlush = true };

    private void Write(LogLevel level, string category, string? message, Exception? exception)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        _formatter.Write(text, level, category, message, exception);
        var line = text.ToString();
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _writer.Write(line);
            _written += _writer.Encoding.GetByteCount(line);
            if (_sizeLimit > 0 && _written > _sizeLimit)
            {
                Rotate();
            }
        }
    }

    /// Precondition: _lock held.
    private void Rotate()
    {
        _writer.Dispose();
        var now = TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), _clock.LocalTimeZone);
        var nanoseconds = (now.Ticks % TimeSpan.TicksPerSecond) * 100;
        var backup = _path + now.ToString(".yyyy.MM.dd.HH.mm.ss.", CultureInfo.InvariantCulture) + nanoseconds.ToString("D9", CultureInfo.InvariantCulture);
        try
        {
            File.Move(_path, backup);
        }
        catch (IOException)
        {
            // As nats-server when it cannot rotate: keep writing to the same file.
            _writer = Open(_path);
            return;
        }

        _writer = Open(_path);
        _written = 0;
        WriteDirect(LogLevel.Information, $"Rotated log, backup saved as \"{backup}\"");
        if (MaxFiles > 0)
        {
            Purge(MaxFiles - 1);
        }
    }

    /// Deletes the oldest backups beyond `keep`. Backups are `<file>.<timestamp>` names, whose
    /// timestamps sort by time. Precondition: _lock held.
    private void Purge(long keep)
    {
        var directory = Path.GetDirectoryName(_path)!;
        var prefix = Path.GetFileName(_path) + ".";
        List<string> backups;
        try
        {
            // The pattern also matches the log itself (a trailing ".*" matches no extension).
            backups = [.. Directory.EnumerateFiles(directory, prefix + "*")
                .Select(f => Path.GetFileName(f))
                .Where(name => name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && IsBackupStamp(name[prefix.Length..]))
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteDirect(LogLevel.Error, $"Unable to read directory \"{directory}\" for log purge ({e.Message}), will attempt next rotation");
            return;
        }

        for (var i = 0; i < backups.Count - keep; i++)
        {
            try
            {
                File.Delete(Path.Combine(directory, backups[i]));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteDirect(LogLevel.Error, $"Unable to remove backup log file \"{backups[i]}\" ({e.Message}), will attempt next rotation");
                return;
            }

            WriteDirect(LogLevel.Information, $"Purged log file \"{backups[i]}\"");
        }
    }

    /// `yyyy.MM.dd.HH.mm.ss.<nanoseconds>`, as Rotate names them (other files are left alone).
    private static bool IsBackupStamp(string stamp)
    {
        var dot = stamp.LastIndexOf('.');
        return dot > 0
            && DateTime.TryParseExact(stamp[..dot], "yyyy.MM.dd.HH.mm.ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && stamp.Length - dot - 1 is > 0 and <= 9 && stamp[(dot + 1)..].All(char.IsAsciiDigit);
    }

    /// A line of the logger's own. Precondition: _lock held.
    private void WriteDirect(LogLevel level, string message)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        _formatter.Write(text, level, "Natrium.Silo", message, null);
        _writer.Write(text.ToString());
        _written += _writer.Encoding.GetByteCount(text.ToString());
    }

    private sealed class FileLogger(FileLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Write(logLevel, category, formatter(state, exception), exception);
    }
}
