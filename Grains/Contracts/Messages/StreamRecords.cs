using System.Buffers;
using System.Buffers.Binary;

namespace Natrium.Contracts.Messages;

/// The records gateways and stream grains exchange in one byte array per call, so no message
/// ever crosses a grain on its own: messages a gateway captured for a stream, acks it received,
/// and what a stream delivers back (pub acks, pulled and pushed messages, statuses).
///   to-length:i32 to frame-length:i32 frame reply-length:i32 reply header-size:i32
///   message-length:i32 message
/// `to` is the subject the record is published to (routed by); `frame` is what a delivered
/// MSG frame says (empty: the same as to); header-size counts the header block at the start of
/// message.
public sealed class StreamRecordWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public int Count { get; private set; }

    public int Length => _buffer.WrittenCount;

    public void Add(ReadOnlySpan<byte> to, ReadOnlySpan<byte> frame, ReadOnlySpan<byte> reply, int headerSize, ReadOnlySpan<byte> message) =>
        Add(to, frame, reply, headerSize, message, default);

    /// A record whose message is a header block followed by a payload given apart.
    public void Add(ReadOnlySpan<byte> to, ReadOnlySpan<byte> frame, ReadOnlySpan<byte> reply, int headerSize, ReadOnlySpan<byte> message, ReadOnlySpan<byte> payload)
    {
        var span = _buffer.GetSpan(20 + to.Length + frame.Length + reply.Length + message.Length + payload.Length);
        var p = Put(span, to);
        p += Put(span[p..], frame);
        p += Put(span[p..], reply);
        BinaryPrimitives.WriteInt32LittleEndian(span[p..], headerSize);
        BinaryPrimitives.WriteInt32LittleEndian(span[(p + 4)..], message.Length + payload.Length);
        p += 8;
        message.CopyTo(span[p..]);
        payload.CopyTo(span[(p + message.Length)..]);
        _buffer.Advance(p + message.Length + payload.Length);
        Count++;
    }

    /// Adds a record from a message that may span segments.
    public void Add(ReadOnlySpan<byte> to, ReadOnlySpan<byte> reply, int headerSize, in ReadOnlySequence<byte> message)
    {
        var length = (int)message.Length;
        var span = _buffer.GetSpan(20 + to.Length + reply.Length + length);
        var p = Put(span, to);
        p += Put(span[p..], default);
        p += Put(span[p..], reply);
        BinaryPrimitives.WriteInt32LittleEndian(span[p..], headerSize);
        BinaryPrimitives.WriteInt32LittleEndian(span[(p + 4)..], length);
        p += 8;
        message.CopyTo(span[p..]);
        _buffer.Advance(p + length);
        Count++;
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void Clear()
    {
        _buffer.Clear();
        Count = 0;
    }

    private static int Put(Span<byte> span, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span, value.Length);
        value.CopyTo(span[4..]);
        return 4 + value.Length;
    }
}

/// Reads StreamRecordWriter's records; spans and memory point into the batch.
public ref struct StreamRecordReader(byte[] batch)
{
    private int _next;

    public ReadOnlySpan<byte> To { get; private set; }

    /// The subject a delivered MSG frame carries: To unless the writer gave another.
    public ReadOnlySpan<byte> Frame { get; private set; }

    public ReadOnlySpan<byte> Reply { get; private set; }

    public int HeaderSize { get; private set; }

    public ReadOnlyMemory<byte> Message { get; private set; }

    public bool MoveNext()
    {
        if (_next >= batch.Length)
        {
            return false;
        }

        var span = batch.AsSpan(_next);
        var p = 0;
        To = Take(span, ref p);
        var frame = Take(span, ref p);
        Frame = frame.IsEmpty ? To : frame;
        Reply = Take(span, ref p);
        HeaderSize = BinaryPrimitives.ReadInt32LittleEndian(span[p..]);
        var length = BinaryPrimitives.ReadInt32LittleEndian(span[(p + 4)..]);
        p += 8;
        Message = batch.AsMemory(_next + p, length);
        _next += p + length;
        return true;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> span, scoped ref int p)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(span[p..]);
        var value = span.Slice(p + 4, length);
        p += 4 + length;
        return value;
    }
}
