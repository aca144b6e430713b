namespace Natrium.Grains.Streams.Store;

/// Compaction: sealed segments that removals left sparse (less than CompactBelowLiveRatio of
/// their bytes still held) are rewritten with their held messages only, merged with sealed
/// neighbours while the result fits in one segment. This is what bounds the disk use of a KV
/// bucket whose keys are updated forever: old revisions become tombstones, then free space.
/// The lead calls CompactAsync from its timer; CompactionDue says whether there is work.
internal sealed partial class MessageStore
{
    /// True when some sealed segment is sparse enough to be rewritten.
    public bool CompactionDue => FindCompactionRun() is not null;

    /// Rewrites one run of sparse sealed segments into a single new one; returns how many
    /// segments it replaced (0 when nothing was due). Crash-safe without a journal: the product
    /// is written whole (temporary file, fsync, rename) under an id above every id it replaces
    /// and covers their sequence range, so a recovery that finds both keeps the product (see
    /// Supersede). The replaced files go at the next FlushAsync.
    public async ValueTask<int> CompactAsync()
    {
        var run = FindCompactionRun();
        if (run is null)
        {
            return 0;
        }

        var records = new List<ReadOnlyMemory<byte>> { RecordCodec.Range(run[0].BaseSequence, run[^1].EndSequence) };
        var sources = new List<(Segment Segment, int Slot)>();
        foreach (var segment in run)
        {
            for (var slot = segment.NextHeld(0); slot >= 0; slot = segment.NextHeld(slot + 1))
            {
                var entry = segment.Entries[slot];
                if (_storage.TryRead(segment.Id, entry.Locator, entry.RecordLength, out var record))
                {
                    records.Add(record);
                    sources.Add((segment, slot));
                }
                else
                {
                    StoreLog.UnreadableMessage(_logger, segment.Id, segment.SequenceOf(slot));
                }
            }
        }

        var product = _nextSegmentId++;
        var locators = await _storage.WriteSegmentAsync(product, records);
        if (run.Any(segment => segment.Dropped))
        {
            // A purge ran while this was writing: the product is stale.
            _storage.DeleteSegment(product);
        }
        else
        {
            Replace(run, product, sources, locators);
        }

        return run.Count;
    }

    // Puts the product in place of the run: a sparse segment over the run's range with a slot
    // per message still held. Messages removed while the product was being written are in its
    // file, so they get a tombstone there. locators[0] is the Range record's.
    private void Replace(List<Segment> run, ulong product, List<(Segment Segment, int Slot)> sources, long[] locators)
    {
        var kept = new List<int>(sources.Count);
        List<ulong>? removed = null;
        for (var i = 0; i < sources.Count; i++)
        {
            var (segment, slot) = sources[i];
            if (segment.IsHeld(slot))
            {
                kept.Add(i);
            }
            else
            {
                (removed ??= []).Add(segment.SequenceOf(slot));
            }
        }

        var sequences = kept.Select(i => sources[i].Segment.SequenceOf(sources[i].Slot)).ToArray();
        var merged = Segment.Sparse(product, run[0].BaseSequence, run[^1].EndSequence, sequences);
        merged.Sealed = true;
        for (var slot = 0; slot < kept.Count; slot++)
        {
            var (segment, source) = sources[kept[slot]];
            var entry = segment.Entries[source];
            merged.Entries[slot].Timestamp = entry.Timestamp;
            merged.Hold(slot, entry.Subject!, checked((int)locators[kept[slot] + 1]), entry.Length);
        }

        if (removed is not null)
        {
            merged.PendingTombstones = removed;
            _tombstoned.Add(merged);
        }

        var index = _segments.IndexOf(run[0]);
        _segments.RemoveRange(index, run.Count);
        _segments.Insert(index, merged);
        if (merged.Live == 0)
        {
            DropSegment(merged);
        }

        foreach (var segment in run)
        {
            segment.Dropped = true;
            segment.Cache = null;
            _storage.DeleteSegment(segment.Id);
            if (_cachedSealed == segment)
            {
                _cachedSealed = null;
            }
        }
    }

    // The first sparse sealed segment (never the newest), with the sealed neighbours around it
    // that are sparse or small, while their held bytes fit in one segment.
    private List<Segment>? FindCompactionRun()
    {
        for (var i = 0; i < _segments.Count - 1; i++)
        {
            var segment = _segments[i];
            if (!segment.Sealed || !IsSparse(segment))
            {
                continue;
            }

            var run = new List<Segment> { segment };
            var held = HeldBytes(segment);
            for (var j = i - 1; j >= 0 && Mergeable(_segments[j], ref held); j--)
            {
                run.Insert(0, _segments[j]);
            }

            for (var j = i + 1; j < _segments.Count - 1 && Mergeable(_segments[j], ref held); j++)
            {
                run.Add(_segments[j]);
            }

            return run;
        }

        return null;
    }

    private bool Mergeable(Segment segment, ref long held)
    {
        var bytes = HeldBytes(segment);
        if (!segment.Sealed || held + bytes > _options.SegmentBytes
            || (!IsSparse(segment) && _storage.SegmentLength(segment.Id) >= _options.SegmentBytes / 2))
        {
            return false;
        }

        held += bytes;
        return true;
    }

    private bool IsSparse(Segment segment) =>
        HeldBytes(segment) < _storage.SegmentLength(segment.Id) * _options.CompactBelowLiveRatio;

    // What the held records take on disk: their bytes plus, per record, the frame and whatever
    // the storage adds (encryption at rest: nonce and tag), so sealed segments are not taken
    // for sparse ones.
    private long HeldBytes(Segment segment) =>
        segment.LiveRecordBytes + ((long)segment.Live * (SegmentFrame.Overhead + _storage.RecordOverhead)) + SegmentFrame.FileHeaderLength;
}
