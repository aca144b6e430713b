using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Natrium.Silo.Hosting;

/// The one provider the logging factory knows, passing each entry to the current sink
/// (LogSink), so a config reload can move the log (log_file, syslog, remote_syslog, logtime)
/// as nats-server does without restarting. Loggers are looked up per category in the current
/// sink; a replaced sink is disposed, and the sinks ignore what still reaches them after that.
internal sealed class SwitchableLoggerProvider(ILoggerProvider initial) : ILoggerProvider
{
    private volatile Sink _sink = new(initial);

    public ILoggerProvider Current => _sink.Provider;

    public ILogger CreateLogger(string categoryName) => new SwitchingLogger(this, categoryName);

    public void Replace(ILoggerProvider next)
    {
        var old = Interlocked.Exchange(ref _sink, new Sink(next));
        old.Provider.Dispose();
    }

    public void Dispose() => _sink.Provider.Dispose();

    private sealed class Sink(ILoggerProvider provider)
    {
        private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

        public ILoggerProvider Provider => provider;

        public ILogger For(string category) => _loggers.GetOrAdd(category, provider.CreateLogger);
    }

    private sealed class SwitchingLogger(SwitchableLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._sink.For(category).Log(logLevel, eventId, state, exception, formatter);
    }
}
