namespace Natrium.Grains.Streams.Store;

/// IStreamStorage for memory streams: records live in arrays and nothing touches the disk. A
/// locator is the record's index in its segment; a read hands out the stored array itself (no
/// copy), which is why stored arrays are never mutated, only replaced.
internal sealed class MemoryStreamStorage : IStreamStorage
{
    private readonly Dictionary<ulong, MemorySegment> _segments = [];
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public ValueTask<IReadOnlyList<ulong>> ListSegmentsAsync()
    {
        var ids = _segments.Keys.ToList();
        ids.Sort();
        return ValueTask.FromResult<IReadOnlyList<ulong>>(ids);
    }

    public ValueTask<SegmentContents> ReadSegmentAsync(ulong segment)
    {
        var records = new List<StorageRecord>();
        if (_segments.TryGetValue(segment, out var stored))
        {
            for (var i = 0; i < stored.Records.Count; i++)
            {
                records.Add(new StorageRecord(i, stored.Records[i]));
            }
        }

        return ValueTask.FromResult(new SegmentContents(records, []));
    }

    public long Append(ulong segment, ReadOnlySpan<byte> record)
    {
        if (!_segments.TryGetValue(segment, out var stored))
        {
            stored = new MemorySegment();
            _segments[segment] = stored;
        }

        stored.Records.Add(record.ToArray());
        stored.Length += record.Length;
        return stored.Records.Count - 1;
    }

    public void Overwrite(ulong segment, long locator, ReadOnlySpan<byte> record)
    {
        if (_segments.TryGetValue(segment, out var stored) && locator < stored.Records.Count
            && stored.Records[(int)locator].Length == record.Length)
        {
            stored.Records[(int)locator] = record.ToArray();
        }
    }

    public bool TryRead(ulong segment, long locator, int length, out ReadOnlyMemory<byte> record)
    {
        record = default;
        if (!_segments.TryGetValue(segment, out var stored) || locator < 0 || locator >= stored.Records.Count
            || stored.Records[(int)locator].Length != length)
        {
            return false;
        }

        record = stored.Records[(int)locator];
        return true;
    }

    // Nothing to write or sync: every record is in memory the moment it is appended.
    public ValueTask FlushAsync(bool fsync) => ValueTask.CompletedTask;

    public ValueTask<long[]> WriteSegmentAsync(ulong segment, IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        var stored = new MemorySegment();
        var locators = new long[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            locators[i] = i;
            stored.Records.Add(records[i].ToArray());
            stored.Length += records[i].Length;
        }

        _segments[segment] = stored;
        return ValueTask.FromResult(locators);
    }

    public void DeleteSegment(ulong segment)
    {
        _segments.Remove(segment);
    }

    public long SegmentLength(ulong segment) =>
        _segments.TryGetValue(segment, out var stored) ? stored.Length : 0;

    public ValueTask WriteBlobAsync(string name, ReadOnlyMemory<byte> data)
    {
        _blobs[name] = data.ToArray();
        return ValueTask.CompletedTask;
    }

    public ValueTask<byte[]?> ReadBlobAsync(string name) =>
        ValueTask.FromResult(_blobs.TryGetValue(name, out var data) ? data : null);

    public ValueTask DeleteBlobAsync(string name)
    {
        _blobs.Remove(name);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAllAsync()
    {
        _segments.Clear();
        _blobs.Clear();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class MemorySegment
    {
        public List<byte[]> Records { get; } = [];

        public long Length { get; set; }
    }
}
