using System.Buffers;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Messages;

namespace Natrium.Gateway.Delivery;

/// Messages of one account on their way to one other gateway. Publishers append records to a
/// buffer; one flush runs at a time and sends everything appended since the last one, one call
/// per chunk, with at most Window calls unanswered. So batches grow with load and a lone
/// message goes at once: no timer. A publisher that outruns a healthy link is slowed, as
/// nats-server stalls a fast producer: past HighWaterBytes its read loop waits briefly for room
/// (TakeCongested, WaitForRoomAsync). What waits here is bounded (MaxPendingBytes): a gateway
/// that stops answering (a node dying, before it is declared dead) stalls nobody and costs its
/// senders a bounded buffer, then dropped messages, as a slow consumer does.
internal sealed partial class RemoteGatewayLink : IThreadPoolWorkItem
{
    private const int InitialBuffer = 16 * 1024;

    /// Calls in flight at once: enough to keep both nodes busy, few enough that a slow
    /// receiver makes the sender's batches grow rather than the runtime's queues.
    private const int Window = 4;

    /// Bytes accepted but not yet answered by the receiver, beyond which messages are dropped.
    private const long MaxPendingBytes = 32L * 1024 * 1024;

    /// Pending bytes past which a publisher is slowed down.
    private const long HighWaterBytes = 8L * 1024 * 1024;

    /// The longest a publisher's read loop waits for room on one pass (nats-server: 5 ms).
    private static readonly TimeSpan MaxStall = TimeSpan.FromMilliseconds(5);

    [ThreadStatic]
    private static RemoteGatewayLink? t_congested;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// A call carries at most this much (unless one record is bigger): a full chunk is sealed
    /// and the next record starts another. Keeps each batch's byte[] (copied here, and again by
    /// the receiver's deserializer) under the large-object heap's 85,000 bytes: a batch that
    /// grew to megabytes while a flush was late went to the LOH on both nodes, zeroed and paged
    /// in every time and freed only by gen2 collections, which made the next flush later still
    /// (xnode-pubsub1k: 0.13× nats-server with batches unbounded).
    private const int ChunkBytes = 64 * 1024;

    private readonly object _sync = new();
    private readonly string _account;
    private readonly string _sourceGatewayId;
    private readonly GatewayRef _target;
    private readonly ILogger _logger;
    private readonly Queue<byte[]> _sealed = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _used;
    private bool _flushing;
    private bool _retired;
    private bool _failing;
    private TaskCompletionSource? _room;
    private int _inFlight;
    private long _pendingBytes;
    private long _dropped;
    private long _sequence;

    public RemoteGatewayLink(string account, string sourceGatewayId, GatewayRef target, ILogger logger)
    {
        _account = account;
        _sourceGatewayId = sourceGatewayId;
        _target = target;
        _logger = logger;
    }

    public GatewayRef Target => _target;

    /// Bytes accepted for the target and not yet answered (for tests and monitoring).
    public long PendingBytes
    {
        get
        {
            lock (_sync)
            {
                return _pendingBytes;
            }
        }
    }

    /// The target's node was declared dead: nothing more is sent or kept for it.
    public void Retire()
    {
        lock (_sync)
        {
            _retired = true;
            _room?.TrySetResult();
            _room = null;
            _sealed.Clear();
            _used = 0;
            _pendingBytes = 0;
        }
    }

    /// Appends one message. Queue names are those of queueChoices whose link is this one.
    public void Enqueue(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> frame, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message, bool plain, List<(RemoteGatewayLink Link, byte[] Queue)>? queueChoices)
    {
        var queueBytes = 0;
        var queueCount = 0;
        if (queueChoices is not null)
        {
            foreach (var (link, queue) in queueChoices)
            {
                if (link == this && queueCount < byte.MaxValue)
                {
                    queueBytes += MessageBatch.QueueBytes(queue.Length);
                    queueCount++;
                }
            }
        }

        var total = (int)message.Length;
        var size = MessageBatch.MaxRecordOverhead(subject.Length, frame.Length, reply.Length, queueBytes) + total;
        lock (_sync)
        {
            if (_retired || !Admit(size))
            {
                return;
            }

            if (_used > 0 && _used + size > ChunkBytes)
            {
                _sealed.Enqueue(_buffer.AsSpan(0, _used).ToArray());
                _used = 0;
            }

            EnsureSpace(size);
            var span = _buffer.AsSpan(_used);
            var p = MessageBatch.WriteHeader(span, plain ? MessageBatch.DeliverToPlain : (byte)0, subject, frame, reply, headerSize, total);
            message.CopyTo(span[p..]);
            p += total;
            span[p++] = (byte)queueCount;
            if (queueCount > 0)
            {
                var written = 0;
                foreach (var (link, queue) in queueChoices!)
                {
                    if (link == this && written++ < queueCount)
                    {
                        p += MessageBatch.WriteQueue(span[p..], queue);
                    }
                }
            }

            _used += p;
            _pendingBytes += p;
            if (_pendingBytes > HighWaterBytes && !_failing)
            {
                t_congested = this;
            }

            if (!_flushing && _inFlight < Window)
            {
                _flushing = true;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }
    }

    /// The link (if any) that this thread's last publishes found over its high water; cleared.
    public static RemoteGatewayLink? TakeCongested()
    {
        var link = t_congested;
        t_congested = null;
        return link;
    }

    /// Waits until the link is under its high water again, or MaxStall at most.
    public Task WaitForRoomAsync()
    {
        Task room;
        lock (_sync)
        {
            if (_pendingBytes <= HighWaterBytes || _failing || _retired)
            {
                return Task.CompletedTask;
            }

            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            room = _room.Task;
        }

        return Task.WhenAny(room, Task.Delay(MaxStall));
    }

    /// The flush: runs on the thread pool until the buffer is empty or the window is full.
    public void Execute()
    {
        while (true)
        {
            byte[] batch;
            long sequence;
            lock (_sync)
            {
                if (_retired || _inFlight >= Window || !TakeBatchLocked(out batch))
                {
                    _flushing = false;
                    return;
                }

                sequence = ++_sequence;
                _inFlight++;
            }

            _ = SendAsync(batch, sequence);
        }
    }

    // A failed call is sent again with its sequence number (the receiver drops a copy it has),
    // so a transient failure loses nothing and the receiver never waits on a gap for ever.
    private async Task SendAsync(byte[] batch, long sequence)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _target.Observer.Deliver(_account, _sourceGatewayId, sequence, batch);
                Volatile.Write(ref _failing, false);
                break;
            }
            catch (Exception e)
            {
                if (Volatile.Read(ref _retired))
                {
                    break;
                }

                // Nobody waits on a link that fails: it buffers to its bound, then drops.
                Failing();

                if (attempt == 1)
                {
                    LogSendFailed(_logger, _target.Id, e.Message);
                }

                await Task.Delay(delay);
                delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
            }
        }

        lock (_sync)
        {
            _inFlight--;
            _pendingBytes = Math.Max(0, _pendingBytes - batch.Length);
            if (_room is not null && _pendingBytes <= HighWaterBytes)
            {
                _room.TrySetResult();
                _room = null;
            }

            if (_dropped > 0 && _pendingBytes <= MaxPendingBytes / 2)
            {
                LogDropEnded(_logger, _target.Id, _account, _dropped);
                _dropped = 0;
            }

            if (!_flushing && !_retired && (_sealed.Count > 0 || _used > 0))
            {
                _flushing = true;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }
    }

    private void Failing()
    {
        lock (_sync)
        {
            _failing = true;
            _room?.TrySetResult();
            _room = null;
        }
    }

    private bool TakeBatchLocked(out byte[] batch)
    {
        if (_sealed.TryDequeue(out var full))
        {
            batch = full;
            return true;
        }

        if (_used == 0)
        {
            batch = [];
            return false;
        }

        batch = _buffer.AsSpan(0, _used).ToArray();
        _used = 0;
        if (_buffer.Length > ChunkBytes)
        {
            // Grown for one big record: back to the usual size.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        }

        return true;
    }

    // Over the bound the message is dropped, as nats-server drops for a slow consumer.
    private bool Admit(int size)
    {
        if (_pendingBytes + size <= MaxPendingBytes || _pendingBytes == 0)
        {
            return true;
        }

        if (_dropped++ == 0)
        {
            LogDropStarted(_logger, _target.Id, _account, MaxPendingBytes);
        }

        return false;
    }

    private void EnsureSpace(int size)
    {
        if (_buffer.Length - _used >= size)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _used + size));
        _buffer.AsSpan(0, _used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a message batch to gateway {GatewayId} failed, retrying: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string gatewayId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow Consumer Detected: gateway {GatewayId} has not taken {Limit} bytes of account {Account}; messages to it are dropped")]
    private static partial void LogDropStarted(ILogger logger, string gatewayId, string account, long limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {GatewayId} takes messages of account {Account} again; {Dropped} were dropped")]
    private static partial void LogDropEnded(ILogger logger, string gatewayId, string account, long dropped);
}
