using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Natrium.Grains.Streams.Store;

/// IStreamStorage over one directory per stream (the lead picks it): `<id>.seg` segment files
/// framed by SegmentFrame, `<name>.blob` small files, nothing else. Appends are buffered per
/// segment and written by FlushAsync with one positioned write per segment (group commit);
/// fsync only when asked, so sync_interval decides between fsync per ack and fsync per timer.
internal sealed partial class FileStreamStorage(string directory) : IStreamStorage
{
    private const string SegmentSuffix = ".seg";
    private const string BlobSuffix = ".blob";
    private const string TemporarySuffix = ".tmp";
    private const int MaxOpenHandles = 8;

    private readonly Dictionary<ulong, SegmentFile> _files = [];
    private readonly List<SegmentFile> _handles = [];
    private List<SegmentFile> _dirty = [];
    private List<SegmentFile> _spareDirty = [];
    private List<ulong> _deletions = [];
    private List<ulong> _spareDeletions = [];
    private readonly ReadAheadWindow _readAhead = new();
    private bool _directoryDirty;
    private bool _busy;

    public string Directory { get; } = directory;

    public ValueTask<IReadOnlyList<ulong>> ListSegmentsAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var ids = new List<ulong>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
            {
                File.Delete(path);
            }
            else if (name.EndsWith(SegmentSuffix, StringComparison.Ordinal)
                && ulong.TryParse(name.AsSpan(0, name.Length - SegmentSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        ids.Sort();
        return ValueTask.FromResult<IReadOnlyList<ulong>>(ids);
    }

    public async ValueTask<SegmentContents> ReadSegmentAsync(ulong segment)
    {
        var path = SegmentPath(segment);
        if (!File.Exists(path))
        {
            return new SegmentContents([], []);
        }

        var file = await File.ReadAllBytesAsync(path);
        var contents = SegmentFrame.Scan(segment, file, file.Length, out var intact);
        var hasHeader = SegmentFrame.TryReadFileHeader(file, out var found);
        if (intact < file.Length)
        {
            // Cut the torn tail now (and make the cut durable) so that appends follow intact data.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            RandomAccess.SetLength(handle, intact);
            RandomAccess.FlushToDisk(handle);
        }

        Forget(segment);
        // A file with a foreign header is left as found and never appended to.
        _files[segment] = new SegmentFile(segment, path, hasHeader ? found : NewSeed(), intact) { Foreign = !hasHeader && intact > 0 };
        return contents;
    }

    public long Append(ulong segment, ReadOnlySpan<byte> record)
    {
        var file = Track(segment);
        if (file.Foreign)
        {
            throw new InvalidOperationException($"segment {segment} has no valid header and cannot be appended to");
        }

        if (file.Length == 0)
        {
            SegmentFrame.WriteFileHeader(file.Reserve(SegmentFrame.FileHeaderLength), file.Seed);
        }

        var locator = file.Length;
        SegmentFrame.Write(file.Reserve(SegmentFrame.FrameLength(record.Length)), record, file.Seed);
        MarkDirty(file);
        return locator;
    }

    public void Overwrite(ulong segment, long locator, ReadOnlySpan<byte> record)
    {
        var file = Track(segment);
        var frame = new byte[SegmentFrame.FrameLength(record.Length)];
        SegmentFrame.Write(frame, record, file.Seed);
        (file.Overwrites ??= []).Add((locator, frame));
        MarkDirty(file);
        _readAhead.Forget(segment);
    }

    public bool TryRead(ulong segment, long locator, int length, out ReadOnlyMemory<byte> record)
    {
        record = default;
        var file = Track(segment);
        var frame = new byte[SegmentFrame.FrameLength(length)];
        if (!file.TryCopyBuffered(locator, frame))
        {
            if (locator < SegmentFrame.FileHeaderLength || locator + frame.Length > file.Written
                || !_readAhead.TryRead(segment, HandleOf(file), locator, file.Written, frame))
            {
                return false;
            }
        }

        if (!SegmentFrame.TryParse(frame, file.Seed, out var found) || found != length)
        {
            return false;
        }

        record = SegmentFrame.RecordOf(frame, length);
        return true;
    }

    public long SegmentLength(ulong segment) =>
        _files.TryGetValue(segment, out var file) ? file.Length : 0;

    public void DeleteSegment(ulong segment)
    {
        _deletions.Add(segment);
        _readAhead.Forget(segment);
        if (_files.Remove(segment, out var file))
        {
            file.Deleted = true;
            Close(file);
        }
    }

    public async ValueTask<long[]> WriteSegmentAsync(ulong segment, IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        EnterAsync();
        try
        {
            var seed = NewSeed();
            var total = SegmentFrame.FileHeaderLength;
            foreach (var record in records)
            {
                total += SegmentFrame.FrameLength(record.Length);
            }

            var buffer = new byte[total];
            var locators = new long[records.Count];
            SegmentFrame.WriteFileHeader(buffer, seed);
            var position = SegmentFrame.FileHeaderLength;
            for (var i = 0; i < records.Count; i++)
            {
                locators[i] = position;
                var length = SegmentFrame.FrameLength(records[i].Length);
                SegmentFrame.Write(buffer.AsSpan(position, length), records[i].Span, seed);
                position += length;
            }

            var path = SegmentPath(segment);
            await WriteDurablyAsync(path, buffer);
            Forget(segment);
            _files[segment] = new SegmentFile(segment, path, seed, total);
            return locators;
        }
        finally
        {
            _busy = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ValueTask.CompletedTask;
        foreach (var file in _handles.ToArray())
        {
            Close(file);
        }
    }

    private SegmentFile Track(ulong segment)
    {
        if (_files.TryGetValue(segment, out var file))
        {
            return file;
        }

        var path = SegmentPath(segment);
        var seed = NewSeed();
        long written = 0;
        if (File.Exists(path))
        {
            // A segment not read since start (its header gives the seed).
            Span<byte> header = stackalloc byte[SegmentFrame.FileHeaderLength];
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            written = RandomAccess.GetLength(handle);
            if (RandomAccess.Read(handle, header, 0) == header.Length && SegmentFrame.TryReadFileHeader(header, out var found))
            {
                seed = found;
            }
        }

        file = new SegmentFile(segment, path, seed, written);
        _files[segment] = file;
        return file;
    }

    private void Forget(ulong segment)
    {
        _readAhead.Forget(segment);
        if (_files.Remove(segment, out var old))
        {
            Close(old);
        }
    }

    private void MarkDirty(SegmentFile file)
    {
        if (!file.Dirty)
        {
            file.Dirty = true;
            _dirty.Add(file);
        }
    }

    private string SegmentPath(ulong segment) =>
        Path.Combine(Directory, segment.ToString(CultureInfo.InvariantCulture) + SegmentSuffix);

    private static ulong NewSeed()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
