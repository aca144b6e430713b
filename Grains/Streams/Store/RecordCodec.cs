using System.Buffers.Binary;
using System.Text;

namespace Natrium.Grains.Streams.Store;

/// The kinds of record a segment holds (little endian, first byte is the kind).
internal enum RecordKind : byte
{
    /// kind seq:u64 ts:i64 subjectLength:u32 headersLength:u32 subject headers data
    Message = 1,

    /// kind count:u32 seq:u64*count — messages of this segment removed since they were written.
    Tombstones = 2,

    /// kind seq:u64 ts:i64 — a sequence used without keeping a message (interest retention
    /// without interest, account limits).
    Sequence = 3,

    /// kind seq:u64 zeros — a message overwritten in place by a secure delete.
    Erased = 4,

    /// kind seq:u64 ts:i64 — first record of the segment a purge starts: every sequence up to
    /// seq is used (and ts was the last message's time), so none is reused after a restart.
    LastSequence = 5,

    /// kind first:u64 end:u64 — first record of a compaction's product: the sequence range
    /// [first, end) of the segments it replaced. Only messages follow.
    Range = 6,
}

/// Encodes and decodes segment records. Subjects are Latin-1, one byte per char, as they travel
/// between grains (Natrium.Contracts.Subjects.SubjectText).
internal static class RecordCodec
{
    public const int MessageHeaderLength = 25;
    public const int SequenceLength = 17;
    private const int ErasedHeaderLength = 9;

    public static int MessageLength(int subjectLength, int headersLength, int dataLength) =>
        MessageHeaderLength + subjectLength + headersLength + dataLength;

    public static void WriteMessage(Span<byte> destination, ulong sequence, long timestamp, string subject, ReadOnlySpan<byte> headers, ReadOnlySpan<byte> data)
    {
        destination[0] = (byte)RecordKind.Message;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[1..], sequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[9..], timestamp);
        BinaryPrimitives.WriteInt32LittleEndian(destination[17..], subject.Length);
        BinaryPrimitives.WriteInt32LittleEndian(destination[21..], headers.Length);
        var position = MessageHeaderLength;
        position += Encoding.Latin1.GetBytes(subject, destination[position..]);
        headers.CopyTo(destination[position..]);
        data.CopyTo(destination[(position + headers.Length)..]);
    }

    public static void WriteSequence(Span<byte> destination, RecordKind kind, ulong sequence, long timestamp)
    {
        destination[0] = (byte)kind;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[1..], sequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[9..], timestamp);
    }

    public const int RangeLength = 17;

    public static byte[] Range(ulong first, ulong end)
    {
        var record = new byte[RangeLength];
        record[0] = (byte)RecordKind.Range;
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(1), first);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(9), end);
        return record;
    }

    public static bool TryReadRange(ReadOnlySpan<byte> record, out ulong first, out ulong end)
    {
        first = end = 0;
        if (KindOf(record) != RecordKind.Range || record.Length != RangeLength)
        {
            return false;
        }

        first = BinaryPrimitives.ReadUInt64LittleEndian(record[1..]);
        end = BinaryPrimitives.ReadUInt64LittleEndian(record[9..]);
        return true;
    }

    public static int TombstonesLength(int count) => 5 + (8 * count);

    public static void WriteTombstones(Span<byte> destination, List<ulong> sequences)
    {
        destination[0] = (byte)RecordKind.Tombstones;
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], sequences.Count);
        for (var i = 0; i < sequences.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(5 + (8 * i))..], sequences[i]);
        }
    }

    /// An erased record as long as the message it replaces, so that it overwrites it in place.
    public static byte[] Erased(ulong sequence, int length)
    {
        var record = new byte[length];
        record[0] = (byte)RecordKind.Erased;
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(1), sequence);
        return record;
    }

    public static RecordKind KindOf(ReadOnlySpan<byte> record) => record.IsEmpty ? 0 : (RecordKind)record[0];

    /// Sequence and timestamp of a Message, Sequence or LastSequence record; the sequence of an
    /// Erased one.
    public static bool TryReadHead(ReadOnlySpan<byte> record, out ulong sequence, out long timestamp)
    {
        sequence = 0;
        timestamp = 0;
        var kind = KindOf(record);
        if (kind is RecordKind.Erased && record.Length >= ErasedHeaderLength)
        {
            sequence = BinaryPrimitives.ReadUInt64LittleEndian(record[1..]);
            return true;
        }

        if (kind is not (RecordKind.Message or RecordKind.Sequence or RecordKind.LastSequence) || record.Length < SequenceLength)
        {
            return false;
        }

        sequence = BinaryPrimitives.ReadUInt64LittleEndian(record[1..]);
        timestamp = BinaryPrimitives.ReadInt64LittleEndian(record[9..]);
        return true;
    }

    /// The parts of a Message record, as slices of it.
    public static bool TryReadMessage(ReadOnlyMemory<byte> record, out ReadOnlyMemory<byte> subject, out ReadOnlyMemory<byte> headers, out ReadOnlyMemory<byte> data)
    {
        subject = headers = data = default;
        var span = record.Span;
        if (KindOf(span) != RecordKind.Message || span.Length < MessageHeaderLength)
        {
            return false;
        }

        var subjectLength = BinaryPrimitives.ReadInt32LittleEndian(span[17..]);
        var headersLength = BinaryPrimitives.ReadInt32LittleEndian(span[21..]);
        if (subjectLength < 0 || headersLength < 0 || (long)MessageHeaderLength + subjectLength + headersLength > span.Length)
        {
            return false;
        }

        subject = record.Slice(MessageHeaderLength, subjectLength);
        headers = record.Slice(MessageHeaderLength + subjectLength, headersLength);
        data = record[(MessageHeaderLength + subjectLength + headersLength)..];
        return true;
    }

    /// Whether bytes parse as a record of this codec (kind and lengths agree): how a segment
    /// written in plaintext is told from one sealed by encryption at rest, whose records start
    /// with a random nonce.
    public static bool IsWellFormed(ReadOnlyMemory<byte> record)
    {
        var span = record.Span;
        return KindOf(span) switch
        {
            RecordKind.Message => TryReadMessage(record, out _, out _, out _),
            RecordKind.Sequence or RecordKind.LastSequence => span.Length == SequenceLength,
            RecordKind.Erased => span.Length >= ErasedHeaderLength,
            RecordKind.Range => TryReadRange(span, out _, out _),
            RecordKind.Tombstones => span.Length >= 5 && span.Length == TombstonesLength(BinaryPrimitives.ReadInt32LittleEndian(span[1..])),
            _ => false,
        };
    }

    public static bool TryReadTombstones(ReadOnlySpan<byte> record, List<ulong> into)
    {
        if (KindOf(record) != RecordKind.Tombstones || record.Length < 5)
        {
            return false;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(record[1..]);
        if (count < 0 || record.Length != TombstonesLength(count))
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            into.Add(BinaryPrimitives.ReadUInt64LittleEndian(record[(5 + (8 * i))..]));
        }

        return true;
    }
}
