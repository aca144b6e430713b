using System.Buffers;
using System.Buffers.Binary;

namespace Natrium.Gateway.Delivery;

/// The encoding of messages sent between gateways, one record after another:
///   flags:u8 subject-length:i32 subject reply-length:i32 reply header-size:i32 total-size:i32
///   message queue-count:u8 (queue-length:i32 queue)*
/// Lengths are 32-bit: a subject may be as long as max_control_line allows (1 MB and more).
/// Flag bit 0: deliver to the receiver's plain subscribers. Each listed queue group gets the
/// message once (the sender already chose this gateway for it). Flag bit 1: the MSG frame
/// carries another subject than the one routed by (a stream's delivery); it follows the flags
/// as frame-length:i32 frame.
internal static class MessageBatch
{
    public const byte DeliverToPlain = 1;

    public const byte HasFrameSubject = 2;

    public static int MaxRecordOverhead(int subject, int frame, int reply, int queues) => 1 + 4 + frame + 4 + subject + 4 + reply + 4 + 4 + 1 + queues;

    /// Bytes a queue name takes in a record.
    public static int QueueBytes(int queue) => 4 + queue;

    /// Writes the record's fixed part; a frame subject equal to the subject is left out.
    public static int WriteHeader(Span<byte> destination, byte flags, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> frame, ReadOnlySpan<byte> reply, int headerSize, int totalSize)
    {
        var distinct = frame != subject && !frame.SequenceEqual(subject);
        destination[0] = distinct ? (byte)(flags | HasFrameSubject) : flags;
        var p = 1;
        if (distinct)
        {
            BinaryPrimitives.WriteInt32LittleEndian(destination[p..], frame.Length);
            frame.CopyTo(destination[(p + 4)..]);
            p += 4 + frame.Length;
        }

        BinaryPrimitives.WriteInt32LittleEndian(destination[p..], subject.Length);
        subject.CopyTo(destination[(p + 4)..]);
        p += 4 + subject.Length;
        BinaryPrimitives.WriteInt32LittleEndian(destination[p..], reply.Length);
        reply.CopyTo(destination[(p + 4)..]);
        p += 4 + reply.Length;
        BinaryPrimitives.WriteInt32LittleEndian(destination[p..], headerSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(p + 4)..], totalSize);
        return p + 8;
    }

    public static int WriteQueue(Span<byte> destination, ReadOnlySpan<byte> queue)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, queue.Length);
        queue.CopyTo(destination[4..]);
        return 4 + queue.Length;
    }
}

/// Reads records written by MessageBatch; spans and memory point into the batch.
internal ref struct MessageBatchReader(byte[] batch)
{
    private int _next;
    private int _queuesAt;
    private int _queuesEnd;

    public byte Flags { get; private set; }

    /// The subject the message is routed by.
    public ReadOnlySpan<byte> Subject { get; private set; }

    /// The subject the MSG frame carries (Subject unless a stream delivers).
    public ReadOnlySpan<byte> FrameSubject { get; private set; }

    public ReadOnlySpan<byte> Reply { get; private set; }

    public int HeaderSize { get; private set; }

    public ReadOnlyMemory<byte> Message { get; private set; }

    public bool MoveNext()
    {
        if (_next >= batch.Length)
        {
            return false;
        }

        var rest = batch.AsSpan(_next);
        Flags = rest[0];
        var p = 1;
        var frameAt = -1;
        var frameLength = 0;
        if ((Flags & MessageBatch.HasFrameSubject) != 0)
        {
            frameLength = BinaryPrimitives.ReadInt32LittleEndian(rest[p..]);
            frameAt = p + 4;
            p += 4 + frameLength;
        }

        var subjectLength = BinaryPrimitives.ReadInt32LittleEndian(rest[p..]);
        Subject = rest.Slice(p + 4, subjectLength);
        FrameSubject = frameAt < 0 ? Subject : rest.Slice(frameAt, frameLength);
        p += 4 + subjectLength;
        var replyLength = BinaryPrimitives.ReadInt32LittleEndian(rest[p..]);
        Reply = rest.Slice(p + 4, replyLength);
        p += 4 + replyLength;
        HeaderSize = BinaryPrimitives.ReadInt32LittleEndian(rest[p..]);
        var total = BinaryPrimitives.ReadInt32LittleEndian(rest[(p + 4)..]);
        p += 8;
        Message = batch.AsMemory(_next + p, total);
        p += total;
        var queueCount = rest[p++];
        _queuesAt = _next + p;
        for (var i = 0; i < queueCount; i++)
        {
            p += 4 + BinaryPrimitives.ReadInt32LittleEndian(rest[p..]);
        }

        _queuesEnd = _next + p;
        _next += p;
        return true;
    }

    /// Takes the next queue name of the current record; false when there are no more.
    public bool NextQueue(out ReadOnlySpan<byte> queue)
    {
        if (_queuesAt >= _queuesEnd)
        {
            queue = default;
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(batch.AsSpan(_queuesAt));
        queue = batch.AsSpan(_queuesAt + 4, length);
        _queuesAt += 4 + length;
        return true;
    }
}
