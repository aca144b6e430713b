using Microsoft.Extensions.Logging;
using Natrium.Contracts.Messages;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Streams;

/// Publishing into the stream (spec/jetstream.md §3): each captured message is checked and
/// stored in order, consumers are offered it, and its pub ack waits for the flush that makes it
/// durable — on the OS always, on disk too with `sync_interval: always`. One flush runs at a
/// time in the background; whatever arrives meanwhile rides the next one.
internal sealed partial class StreamGrain
{
    private readonly SemaphoreSlim _io = new(1, 1);
    private readonly SubjectCache _subjectCache = new();
    private readonly Dictionary<string, (GatewayRef Gateway, StreamRecordWriter Acks)> _awaitingFlush = new(StringComparer.Ordinal);
    private IStreamStorage? _storage;
    private Task? _flushing;
    private bool _unflushed;
    private bool _unsynced;
    private bool _syncDue;
    private long _otherMemoryBytes;
    private long _otherStoreBytes;
    private ulong _reportedBytes = ulong.MaxValue;

    public Task Append(GatewayRef source, byte[] records)
    {
        Remember(source);
        if (_store is not { } store)
        {
            return Task.CompletedTask;
        }

        var now = UnixNanos.Now(time);
        var acks = AcksAwaitingFlush(source);
        var interest = _config!.Retention == RetentionPolicy.Interest;
        var reader = new StreamRecordReader(records);
        while (reader.MoveNext())
        {
            var subject = _subjectCache.Get(reader.To);
            var message = reader.Message;
            var result = store.Store(subject, message[..reader.HeaderSize], message[reader.HeaderSize..], !interest || HasInterestIn(subject));
            byte[]? ack = result.Outcome switch
            {
                StoreOutcome.Stored or StoreOutcome.NotKept => _pubAck!.Stored(result.Sequence),
                StoreOutcome.Duplicate => _pubAck!.Duplicate(result.Sequence),
                StoreOutcome.Rejected => _pubAck!.Error(result.Error!),
                _ => null,
            };
            if (result.Outcome == StoreOutcome.Stored)
            {
                foreach (var consumer in _consumers.Values)
                {
                    consumer.OnStored(result.Sequence, now, _outputs, subject);
                }
            }

            if (ack is not null && !reader.Reply.IsEmpty)
            {
                acks.Add(reader.Reply, default, default, 0, ack);
            }
        }

        _unflushed = true;
        RequestFlush();

        // At once, not after the flush: the account's other streams should know these bytes
        // before the publisher holds its pub ack and publishes to them.
        ReportUsage();
        SendOutputs();
        Reschedule();
        return Task.CompletedTask;
    }

    public Task OnAccountUsage(long otherMemoryBytes, long otherStoreBytes)
    {
        _otherMemoryBytes = otherMemoryBytes;
        _otherStoreBytes = otherStoreBytes;
        return Task.CompletedTask;
    }

    /// Interest retention keeps a message only when a consumer's filter takes it (§3.3).
    private bool HasInterestIn(string subject)
    {
        foreach (var consumer in _consumers.Values)
        {
            if (consumer.FilterMatches(subject))
            {
                return true;
            }
        }

        return false;
    }

    /// limitsExceeded of 2.9.10 (§9): the account's bytes of this storage type, this stream's
    /// included, above max_memory/max_storage or above the per-stream byte cap.
    private bool AccountLimitExceeded(ulong streamBytes)
    {
        var limits = Limits;
        var memory = _config!.Storage == StorageType.Memory;
        var total = (long)streamBytes + (memory ? _otherMemoryBytes : _otherStoreBytes);
        var (max, perStream) = memory ? (limits.MaxMemory, limits.MemoryMaxStreamBytes) : (limits.MaxStore, limits.StoreMaxStreamBytes);
        return (perStream > 0 && total > perStream) || (max >= 0 && total > max);
    }

    private StreamRecordWriter AcksAwaitingFlush(GatewayRef gateway)
    {
        if (!_awaitingFlush.TryGetValue(gateway.Id, out var entry))
        {
            entry = (gateway, new StreamRecordWriter());
            _awaitingFlush[gateway.Id] = entry;
        }

        return entry.Acks;
    }

    /// Starts the background flush unless one runs (it loops while there is more to flush).
    /// A loop with nothing to write completes synchronously, so the task, not a flag, says
    /// whether one runs.
    private void RequestFlush()
    {
        if (_flushing is not { IsCompleted: false } && _store is not null)
        {
            _flushing = FlushLoopAsync();
        }
    }

    private async Task FlushLoopAsync()
    {
        while (_store is { } store && (_unflushed || _syncDue || _awaitingFlush.Count > 0))
        {
            // The acks taken now belong to messages already buffered, which this flush writes.
            var acks = _awaitingFlush.Values.Where(a => a.Acks.Count > 0).Select(a => (a.Gateway, Bytes: a.Acks.ToArray())).ToList();
            _awaitingFlush.Clear();
            var fsync = host.SyncAlways || _syncDue;
            _unflushed = false;
            _syncDue = false;
            var durable = await FlushStoreAsync(store, fsync);
            _unsynced = !fsync && (_unsynced || durable);
            foreach (var (gateway, bytes) in acks)
            {
                if (durable)
                {
                    gateway.Observer.DeliverStream(_account, bytes).Ignore();
                }
            }

            await MaintainAsync(store);
            ReportUsage();
            Reschedule();
        }
    }

    /// False when the write failed: the acks waiting for it are not sent (the publishers retry),
    /// and the failure is logged without paths or contents.
    private async Task<bool> FlushStoreAsync(MessageStore store, bool fsync)
    {
        await _io.WaitAsync();
        try
        {
            await store.FlushAsync(fsync);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogFlushFailed(logger, _account, _stream, e.GetType().Name);
            return false;
        }
        finally
        {
            _io.Release();
        }
    }

    /// Compaction and consumer positions, between flushes.
    private async Task MaintainAsync(MessageStore store)
    {
        if (store.CompactionDue)
        {
            await _io.WaitAsync();
            try
            {
                await store.CompactAsync();
            }
            finally
            {
                _io.Release();
            }
        }

        await WriteSnapshotsAsync(all: false);
    }

    /// Waits until nothing is left to flush (before a delete or a deactivation).
    private async Task DrainFlushesAsync()
    {
        while (_flushing is { IsCompleted: false } running)
        {
            await running;
        }
    }

    /// The account learns this stream's bytes when they change and the account has byte limits.
    private void ReportUsage()
    {
        var limits = Limits;
        var bounded = limits.MaxMemory >= 0 || limits.MaxStore >= 0 || limits.MemoryMaxStreamBytes > 0 || limits.StoreMaxStreamBytes > 0;
        if (!bounded || _store is not { } store || store.Bytes == _reportedBytes)
        {
            return;
        }

        _reportedBytes = store.Bytes;
        var memory = _config!.Storage == StorageType.Memory;
        var bytes = (long)store.Bytes;
        GrainFactory.GetGrain<Contracts.Interfaces.IJetStreamAccountGrain>(_account)
            .ReportUsage(_stream, memory ? bytes : 0, memory ? 0 : bytes).Ignore();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {Account} stream {Stream}: writing to storage failed ({Error}); pub acks withheld")]
    private static partial void LogFlushFailed(ILogger logger, string account, string stream, string error);
}
