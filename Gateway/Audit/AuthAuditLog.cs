using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Natrium.Gateway.Audit;

/// The audit log file's single writer: connections hand it a record and await its completion,
/// which comes once the line is written and flushed to the operating system, so a client gets
/// its answer only after its record survives a crash of this process. One task drains the queue
/// and flushes once per batch, so a burst of logins costs one flush, not one per login, and no
/// connection holds a thread while it waits.
internal sealed partial class AuthAuditLog : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly Task _writer;
    private FileStream? _file;
    private bool _failing;

    public AuthAuditLog(AuditLogOptions options, ILogger logger)
    {
        Options = options with { File = Path.GetFullPath(options.File) };
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public AuditLogOptions Options { get; }

    /// Completes when the record is flushed. It never faults: a write that fails is logged and
    /// the login goes on (refusing every login because a disk is full would be an outage).
    public Task WriteAsync(AuthAuditRecord record)
    {
        var pending = new Pending(record.ToJson(), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending) ? pending.Flushed.Task : Task.CompletedTask;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (_queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            WriteBatch(batch);
            foreach (var done in batch)
            {
                done.Flushed.TrySetResult();
            }

            batch.Clear();
        }

        _file?.Dispose();
    }

    private void WriteBatch(List<Pending> batch)
    {
        try
        {
            foreach (var pending in batch)
            {
                var file = FileFor(pending.Line.Length + 1);
                file.Write(pending.Line);
                file.WriteByte((byte)'\n');
            }

            _file?.Flush();
            if (_failing)
            {
                _failing = false;
                LogRecovered(_logger, Options.File);
            }
        }
        catch (Exception e)
        {
            // Whatever failed, the waiting logins must go on: logged once per run of failures;
            // the next batch opens the file again.
            if (!_failing)
            {
                _failing = true;
                LogWriteFailed(_logger, Options.File, e.Message);
            }

            _file?.Dispose();
            _file = null;
        }
    }

    /// The open file, rotated first when this line would take it past max_size (a line longer
    /// than max_size still goes into a fresh file whole: records are never split).
    private FileStream FileFor(int lineLength)
    {
        _file ??= Open();
        if (Options.MaxSize > 0 && _file.Length > 0 && _file.Length + lineLength > Options.MaxSize)
        {
            _file.Flush();
            _file.Dispose();
            _file = null;
            AuditFileRotation.Rotate(Options.File, Options.MaxFiles);
            _file = Open();
        }

        return _file;
    }

    // Readers (the /authz endpoint) open it too, and rotation renames it.
    private FileStream Open() => new(Options.File, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);

    /// Writes what is queued, then closes the file; records offered afterwards are dropped.
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private sealed record Pending(byte[] Line, TaskCompletionSource Flushed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Authentication audit log {File} cannot be written; logins go on unrecorded: {Error}")]
    private static partial void LogWriteFailed(ILogger logger, string file, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication audit log {File} is written again")]
    private static partial void LogRecovered(ILogger logger, string file);
}
