using System.Buffers.Binary;
using System.IO.Hashing;

namespace Natrium.Grains.Streams.Store;

/// The on-disk framing of a segment file:
///   file   = "NATRSEG1" seed:u64 frame*
///   frame  = length:u32 lengthCheck:u32 record[length] recordCheck:u32   (little endian)
/// Both checks are XxHash3 keyed by the segment's random seed. The length has its own check so
/// that a damaged record is skipped by its length and a damaged length is found again by
/// scanning for the next frame whose length check holds (O(1) per position). Keying by a seed a
/// publisher cannot know means a payload that embeds a well-formed frame is never taken for one.
internal static class SegmentFrame
{
    public const int FileHeaderLength = 16;
    public const int Overhead = 12;
    private const int PrefixLength = 8;
    private const ulong RecordSeedSalt = 0x9E3779B97F4A7C15;

    private static ReadOnlySpan<byte> Magic => "NATRSEG1"u8;

    public static int FrameLength(int recordLength) => recordLength + Overhead;

    public static void WriteFileHeader(Span<byte> destination, ulong seed)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], seed);
    }

    public static bool TryReadFileHeader(ReadOnlySpan<byte> file, out ulong seed)
    {
        seed = 0;
        if (file.Length < FileHeaderLength || !file[..8].SequenceEqual(Magic))
        {
            return false;
        }

        seed = BinaryPrimitives.ReadUInt64LittleEndian(file[8..]);
        return true;
    }

    /// Writes the frame of record into destination, which is exactly FrameLength long.
    public static void Write(Span<byte> destination, ReadOnlySpan<byte> record, ulong seed)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)record.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], LengthCheck((uint)record.Length, seed));
        record.CopyTo(destination[PrefixLength..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[(PrefixLength + record.Length)..], RecordCheck(record, seed));
    }

    /// True when source starts with a whole intact frame; recordLength is its record's length.
    public static bool TryParse(ReadOnlySpan<byte> source, ulong seed, out int recordLength)
    {
        recordLength = 0;
        if (!TryParseLength(source, seed, out var length))
        {
            return false;
        }

        var record = source.Slice(PrefixLength, length);
        if (BinaryPrimitives.ReadUInt32LittleEndian(source[(PrefixLength + length)..]) != RecordCheck(record, seed))
        {
            return false;
        }

        recordLength = length;
        return true;
    }

    /// The record inside a frame that TryParse accepted.
    public static ReadOnlyMemory<byte> RecordOf(ReadOnlyMemory<byte> frame, int recordLength) => frame.Slice(PrefixLength, recordLength);

    /// Walks a whole segment file: intact records, skipped damage, and the torn tail if any.
    /// intactLength is where the intact data ends (the file is cut there when it is shorter).
    public static SegmentContents Scan(ulong segment, byte[] file, int fileLength, out long intactLength)
    {
        var records = new List<StorageRecord>();
        var damage = new List<StorageDamage>();
        if (fileLength == 0)
        {
            intactLength = 0;
            return new SegmentContents(records, damage);
        }

        if (!TryReadFileHeader(file.AsSpan(0, fileLength), out var seed))
        {
            // A file cut before its header was whole holds nothing; one with a foreign header is
            // reported whole and left alone.
            intactLength = fileLength < FileHeaderLength ? 0 : fileLength;
            damage.Add(new StorageDamage(segment, 0, fileLength, fileLength < FileHeaderLength));
            return new SegmentContents(records, damage);
        }

        var position = FileHeaderLength;
        while (position < fileLength)
        {
            var rest = file.AsSpan(position, fileLength - position);
            if (TryParse(rest, seed, out var length))
            {
                records.Add(new StorageRecord(position, file.AsMemory(position + PrefixLength, length)));
                position += FrameLength(length);
                continue;
            }

            var next = Resync(file.AsSpan(0, fileLength), position + 1, seed);
            if (next < 0)
            {
                damage.Add(new StorageDamage(segment, position, fileLength - position, TornTail: true));
                intactLength = position;
                return new SegmentContents(records, damage);
            }

            damage.Add(new StorageDamage(segment, position, next - position, TornTail: false));
            position = next;
        }

        intactLength = fileLength;
        return new SegmentContents(records, damage);
    }

    private static int Resync(ReadOnlySpan<byte> file, int from, ulong seed)
    {
        for (var position = from; position <= file.Length - Overhead; position++)
        {
            var rest = file[position..];
            if (TryParseLength(rest, seed, out _) && TryParse(rest, seed, out _))
            {
                return position;
            }
        }

        return -1;
    }

    private static bool TryParseLength(ReadOnlySpan<byte> source, ulong seed, out int length)
    {
        length = 0;
        if (source.Length < Overhead)
        {
            return false;
        }

        var raw = BinaryPrimitives.ReadUInt32LittleEndian(source);
        if (raw > (uint)(source.Length - Overhead) || BinaryPrimitives.ReadUInt32LittleEndian(source[4..]) != LengthCheck(raw, seed))
        {
            return false;
        }

        length = (int)raw;
        return true;
    }

    private static uint LengthCheck(uint length, ulong seed)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, length);
        return (uint)XxHash3.HashToUInt64(bytes, (long)seed);
    }

    private static uint RecordCheck(ReadOnlySpan<byte> record, ulong seed) =>
        (uint)XxHash3.HashToUInt64(record, (long)(seed ^ RecordSeedSalt));
}
