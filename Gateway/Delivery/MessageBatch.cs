using System.Buffers;
using System.Buffers.Binary;

namespace Natrium.Gateway.Delivery;

/// The encoding of messages sent between gateways, one record after another:
///   flags:u8 subject-length:u16 subject reply-length:u16 reply header-size:i32 total-size:i32
///   message queue-count:u8 (queue-length:u16 queue)*
/// Flag bit 0: deliver to the receiver's plain subscribers. Each listed queue group gets the
/// message once (the sender already chose this gateway for it).
internal static class MessageBatch
{
    public const byte DeliverToPlain = 1;

    public static int MaxRecordOverhead(int subject, int reply, int queues) => 1 + 2 + subject + 2 + reply + 4 + 4 + 1 + queues;

    public static int WriteHeader(Span<byte> destination, byte flags, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, int totalSize)
    {
        destination[0] = flags;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], (ushort)subject.Length);
        subject.CopyTo(destination[3..]);
        var p = 3 + subject.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[p..], (ushort)reply.Length);
        reply.CopyTo(destination[(p + 2)..]);
        p += 2 + reply.Length;
        BinaryPrimitives.WriteInt32LittleEndian(destination[p..], headerSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(p + 4)..], totalSize);
        return p + 8;
    }

    public static int WriteQueue(Span<byte> destination, ReadOnlySpan<byte> queue)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)queue.Length);
        queue.CopyTo(destination[2..]);
        return 2 + queue.Length;
    }
}

/// Reads records written by MessageBatch; spans and memory point into the batch.
internal ref struct MessageBatchReader(byte[] batch)
{
    private int _next;
    private int _queuesAt;
    private int _queuesEnd;

    public byte Flags { get; private set; }

    public ReadOnlySpan<byte> Subject { get; private set; }

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
        var subjectLength = BinaryPrimitives.ReadUInt16LittleEndian(rest[1..]);
        Subject = rest.Slice(3, subjectLength);
        var p = 3 + subjectLength;
        var replyLength = BinaryPrimitives.ReadUInt16LittleEndian(rest[p..]);
        Reply = rest.Slice(p + 2, replyLength);
        p += 2 + replyLength;
        HeaderSize = BinaryPrimitives.ReadInt32LittleEndian(rest[p..]);
        var total = BinaryPrimitives.ReadInt32LittleEndian(rest[(p + 4)..]);
        p += 8;
        Message = batch.AsMemory(_next + p, total);
        p += total;
        var queueCount = rest[p++];
        _queuesAt = _next + p;
        for (var i = 0; i < queueCount; i++)
        {
            p += 2 + BinaryPrimitives.ReadUInt16LittleEndian(rest[p..]);
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

        var length = BinaryPrimitives.ReadUInt16LittleEndian(batch.AsSpan(_queuesAt));
        queue = batch.AsSpan(_queuesAt + 2, length);
        _queuesAt += 2 + length;
        return true;
    }
}
