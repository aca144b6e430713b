namespace Natrium.Grains.Streams.Store;

/// Where one stream's bytes live; every byte of a stream goes through it, so encryption at rest
/// is a decorator over this interface (seal each record, blob and whole-segment write with an
/// AEAD). Segments are append-only logs of opaque records named by ids the caller chooses; the
/// implementation frames and checksums records and names files after ids only.
///
/// Threading: one caller at a time (the stream grain's turn). The synchronous members may be
/// called while a FlushAsync is pending (appends go to a fresh buffer); no two asynchronous
/// members may overlap. Implementations resume their awaits on the caller's context (no
/// ConfigureAwait(false)), so their own bookkeeping never runs beside a grain turn.
internal interface IStreamStorage : IAsyncDisposable
{
    /// Ids of the segments present, ascending. Left-over temporary files are removed.
    ValueTask<IReadOnlyList<ulong>> ListSegmentsAsync();

    /// Every intact record of a segment in append order. A damaged tail (a record cut short or
    /// failing its checksum with nothing intact after it) is cut off the segment so that later
    /// appends follow intact data; a damaged record with intact records after it is skipped.
    /// Both are listed in Damage.
    ValueTask<SegmentContents> ReadSegmentAsync(ulong segment);

    /// Buffers one record at the end of the segment, creating the segment when it is new, and
    /// returns its locator. Readable at once; handed to the OS by the next FlushAsync.
    long Append(ulong segment, ReadOnlySpan<byte> record);

    /// Replaces the record at locator with one of the same length (secure erase). Applied by the
    /// next FlushAsync, after its appends.
    void Overwrite(ulong segment, long locator, ReadOnlySpan<byte> record);

    /// The record of `length` bytes at locator, or false when it is missing or fails its checksum.
    /// Synchronous because stream views are synchronous; a read of flushed data is one pread.
    bool TryRead(ulong segment, long locator, int length, out ReadOnlyMemory<byte> record);

    /// Writes every buffered append and overwrite (one write per segment), fsyncs them when
    /// `fsync` is set, then deletes the segments passed to DeleteSegment since the last flush.
    /// Deletions always follow an fsync of this flush's writes, so a record written to replace
    /// a deleted segment (a purge's sequence marker) can never be lost while the deletion stays.
    ValueTask FlushAsync(bool fsync);

    /// Writes a whole new segment durably and atomically (temporary file, fsync, rename), e.g. the
    /// product of a compaction, and returns the locator of each record.
    ValueTask<long[]> WriteSegmentAsync(ulong segment, IReadOnlyList<ReadOnlyMemory<byte>> records);

    /// Marks a segment for deletion by the next FlushAsync; its buffered records are dropped.
    void DeleteSegment(ulong segment);

    /// Bytes the segment takes once flushed (0 when unknown): sizing, compaction and tests.
    long SegmentLength(ulong segment);

    /// Bytes a record takes beyond its own and its frame's (a decorator's, e.g. nonce and tag),
    /// so that SegmentLength and record lengths compare.
    int RecordOverhead => 0;

    /// Replaces a small named blob durably and atomically. Names are fixed ASCII words.
    ValueTask WriteBlobAsync(string name, ReadOnlyMemory<byte> data);

    /// The blob, or null when there is none.
    ValueTask<byte[]?> ReadBlobAsync(string name);

    ValueTask DeleteBlobAsync(string name);

    /// Removes every segment and blob (stream deletion). The storage is unusable afterwards.
    ValueTask DeleteAllAsync();
}

/// What ReadSegmentAsync found: the intact records and the damaged byte ranges.
internal sealed record SegmentContents(IReadOnlyList<StorageRecord> Records, IReadOnlyList<StorageDamage> Damage);

/// One record and its locator. Data is the caller's to keep and must not be mutated.
internal readonly record struct StorageRecord(long Locator, ReadOnlyMemory<byte> Data);

/// Bytes of a segment that held no intact record: skipped (TornTail false) or cut off (true).
internal sealed record StorageDamage(ulong Segment, long Offset, long Length, bool TornTail);
