using System.Buffers;
using System.Threading.Channels;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Connections;

/// Bytes waiting to go to one client. Any thread may append (publishers deliver into their
/// subscribers' buffers); one writer loop drains them to the socket. Appends copy into pooled
/// chunks under a short lock; the writer swaps the chunk list out and writes without the lock,
/// so many messages share one socket write. Lock order: this lock is a leaf (nothing is
/// called while holding it).
internal sealed class OutboundBuffer : IThreadPoolWorkItem
{
    public const int ChunkSize = 64 * 1024;

    /// A read pass that leaves at most this much for a client writes it from its own thread
    /// (replies, a few messages); more is left to the client's writer on the thread pool, so a
    /// publisher streaming to subscribers goes on reading while their writers write.
    public const int InlineWriteLimit = 4 * 1024;

    private readonly object _sync = new();

    // Synchronous continuations: a wake-up given by WriteOrSignalAll runs the waiting writer on
    // the waking thread. Signal hands the wake-up to the thread pool instead, so code that holds a
    // lock (TryWrite holds this one) never runs the writer.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite, AllowSynchronousContinuations = true });

    private readonly long _maxPending;
    private List<(byte[] Buffer, int Length)> _full = new();
    private List<(byte[] Buffer, int Length)> _sending = new();
    // Empty while nothing waits: an idle client holds no chunk; the next append rents one.
    private byte[] _current = [];
    private int _used;
    private long _pending;
    private bool _wakePending;
    private bool _closed;

    public OutboundBuffer(long maxPending) => _maxPending = maxPending;

    public bool IsClosed => Volatile.Read(ref _closed);

    /// Bytes appended and not yet written (monitoring's pending_bytes); read without the lock.
    public long Pending => Volatile.Read(ref _pending);

    /// Appends raw protocol bytes (PONG, +OK, -ERR, INFO). False when the buffer is closed
    /// or over max_pending (the caller closes the client as a slow consumer).
    public bool TryWrite(ReadOnlySpan<byte> bytes)
    {
        lock (_sync)
        {
            if (_closed)
            {
                return false;
            }

            Append(bytes);
            var ok = Commit(bytes.Length, out var wake);
            if (wake)
            {
                Signal();
            }

            return ok;
        }
    }

    /// Appends one MSG/HMSG frame. A message with headers goes to a client without header
    /// support as MSG with the headers stripped, as nats-server does. The writer is not woken
    /// here: wake is set on the first frame since the last wake-up, and the caller signals
    /// once it has delivered everything it read (one socket write per read, not per message).
    public bool TryWriteMessage(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> sid, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message, bool clientHeaders, out bool wake)
    {
        wake = false;
        var body = message;
        if (headerSize > 0 && !clientHeaders)
        {
            body = message.Slice(headerSize);
            headerSize = 0;
        }

        var total = (int)body.Length;
        lock (_sync)
        {
            if (_closed)
            {
                return false;
            }

            var lineMax = MessageFrame.MaxControlLineLength(subject.Length, sid.Length, reply.Length);
            if (_current.Length - _used < lineMax)
            {
                Roll(Math.Max(ChunkSize, lineMax));
            }

            var line = MessageFrame.WriteControlLine(_current.AsSpan(_used), subject, sid, reply, headerSize, total);
            _used += line;
            if (body.IsSingleSegment)
            {
                Append(body.FirstSpan);
            }
            else
            {
                foreach (var segment in body)
                {
                    Append(segment.Span);
                }
            }

            Append("\r\n"u8);
            return Commit(line + total + 2, out wake);
        }
    }

    /// Waits until there is something to write; false once closed and drained. No cancellation
    /// token: with synchronous continuations a cancel would run the writer inside whoever
    /// cancels; a closing client's writer is woken through Close instead.
    public async ValueTask<bool> WaitAsync()
    {
        while (true)
        {
            lock (_sync)
            {
                if (_full.Count > 0 || _used > 0)
                {
                    return true;
                }

                if (_closed)
                {
                    return false;
                }
            }

            if (!await _wake.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                return false;
            }

            _wake.Reader.TryRead(out _);
        }
    }

    /// Takes everything appended so far for the writer loop; give the list back with Release.
    public List<(byte[] Buffer, int Length)> Take()
    {
        lock (_sync)
        {
            (_sending, _full) = (_full, _sending);
            if (_used > 0)
            {
                _sending.Add((_current, _used));
                _current = [];
                _used = 0;
            }

            _wakePending = false;
            return _sending;
        }
    }

    /// Called by the writer once the taken chunks are on the socket.
    public void Release(List<(byte[] Buffer, int Length)> sent)
    {
        long bytes = 0;
        foreach (var (buffer, length) in sent)
        {
            bytes += length;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        sent.Clear();
        lock (_sync)
        {
            _pending -= bytes;
        }
    }

    /// Stops accepting bytes; what is already buffered is still written by the writer loop.
    public void Close()
    {
        lock (_sync)
        {
            _closed = true;
        }

        Signal();
    }

    /// Wakes the writer loop on the thread pool.
    public void Signal() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    void IThreadPoolWorkItem.Execute() => _wake.Writer.TryWrite(true);

    /// Wakes every buffer collected while delivering on the thread pool, then empties the list.
    public static void SignalAll(List<OutboundBuffer> buffers) => WakeAll(buffers, inlineLimit: -1);

    /// At the end of a client's read pass, holding no lock: a buffer with little in it is
    /// written now, on this thread, by its writer loop if that loop is waiting (one thread
    /// hand-off less per request and reply, as nats-server flushes from its read loop); the
    /// others are woken on the thread pool. Then empties the list.
    public static void WriteOrSignalAll(List<OutboundBuffer> buffers) => WakeAll(buffers, InlineWriteLimit);

    private static void WakeAll(List<OutboundBuffer> buffers, long inlineLimit)
    {
        foreach (var buffer in buffers)
        {
            if (buffer.Pending <= inlineLimit)
            {
                buffer._wake.Writer.TryWrite(true);
            }
            else
            {
                buffer.Signal();
            }
        }

        buffers.Clear();
    }

    /// Caller holds _sync, which guards every change of _pending. wake is true for the first
    /// append since the writer last took the buffer: whoever gets it must call Signal.
    private bool Commit(int bytes, out bool wake)
    {
        var pending = _pending += bytes;
        wake = !_wakePending;
        _wakePending = true;
        return pending <= _maxPending;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_used == _current.Length)
            {
                Roll(ChunkSize);
            }

            var n = Math.Min(bytes.Length, _current.Length - _used);
            bytes[..n].CopyTo(_current.AsSpan(_used));
            _used += n;
            bytes = bytes[n..];
        }
    }

    private void Roll(int size)
    {
        if (_used > 0)
        {
            _full.Add((_current, _used));
            _current = ArrayPool<byte>.Shared.Rent(size);
        }
        else if (_current.Length < size)
        {
            if (_current.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_current);
            }

            _current = ArrayPool<byte>.Shared.Rent(size);
        }

        _used = 0;
    }
}
