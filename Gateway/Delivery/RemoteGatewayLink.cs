using System.Buffers;
using Microsoft.Extensions.Logging;
using Natrium.Contracts.Messages;

namespace Natrium.Gateway.Delivery;

/// Messages of one account on their way to one other gateway. Publishers append records to a
/// buffer; one flush runs at a time and sends everything appended since the last one, one
/// one-way call per chunk. So batches grow with load and a lone message goes at once: no timer.
internal sealed partial class RemoteGatewayLink : IThreadPoolWorkItem
{
    private const int InitialBuffer = 16 * 1024;

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
    private long _sequence;

    public RemoteGatewayLink(string account, string sourceGatewayId, GatewayRef target, ILogger logger)
    {
        _account = account;
        _sourceGatewayId = sourceGatewayId;
        _target = target;
        _logger = logger;
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
            if (!_flushing)
            {
                _flushing = true;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }
    }

    /// The flush: runs on the thread pool until the buffer is empty.
    public void Execute()
    {
        while (true)
        {
            byte[] batch;
            long sequence;
            lock (_sync)
            {
                if (_sealed.TryDequeue(out var full))
                {
                    batch = full;
                }
                else if (_used > 0)
                {
                    batch = _buffer.AsSpan(0, _used).ToArray();
                    _used = 0;
                    if (_buffer.Length > ChunkBytes)
                    {
                        // Grown for one big record: back to the usual size.
                        ArrayPool<byte>.Shared.Return(_buffer);
                        _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
                    }
                }
                else
                {
                    _flushing = false;
                    return;
                }

                sequence = ++_sequence;
            }

            try
            {
                _ = _target.Observer.Deliver(_account, _sourceGatewayId, sequence, batch);
            }
            catch (Exception e)
            {
                LogSendFailed(_logger, _target.Id, e.Message);
            }
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a message batch to gateway {GatewayId} failed: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string gatewayId, string reason);
}
