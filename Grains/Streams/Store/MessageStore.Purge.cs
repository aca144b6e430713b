namespace Natrium.Grains.Streams.Store;

/// STREAM.PURGE (spec/jetstream.md §2.4) with 2.9.10's semantics (fileStore.PurgeEx, purge,
/// Compact), probed: no filter (or `>`) with seq ≤ 1 and no keep purges all; seq N removes
/// sequences below N, and N past the end moves the last sequence to N-1; keep K without a filter
/// removes below last-K+1 (interior gaps make that keep fewer than K, as on the server); a filter
/// removes matching messages below seq, or all but the newest K matching ones.
internal sealed partial class MessageStore
{
    private const string FullWildcard = ">";

    public PurgeResult Purge(string? filter = null, ulong sequence = 0, ulong keep = 0)
    {
        if (sequence > 0 && keep > 0)
        {
            return new PurgeResult(0, StoreErrors.BadRequest);
        }

        if (Config.Sealed)
        {
            return new PurgeResult(0, StoreErrors.Sealed);
        }

        if (Config.DenyPurge)
        {
            return new PurgeResult(0, StoreErrors.PurgeNotPermitted);
        }

        var purged = string.IsNullOrEmpty(filter) || filter == FullWildcard
            ? PurgeAllSubjects(sequence, keep)
            : PurgeSubjects(filter, sequence, keep);
        return new PurgeResult(purged, null);
    }

    private ulong PurgeAllSubjects(ulong sequence, ulong keep)
    {
        if (keep == 0 && sequence <= 1)
        {
            return PurgeAll(0);
        }

        if (keep > 0)
        {
            return keep >= _messages ? 0 : CompactBelow(_last - keep + 1);
        }

        return CompactBelow(sequence);
    }

    // fileStore.Compact: below the last sequence it removes the older messages; at or past the
    // end it is a purge that starts the stream at sequence.
    private ulong CompactBelow(ulong sequence)
    {
        if (sequence > _last)
        {
            return PurgeAll(sequence);
        }

        var removed = RemoveBelow(sequence);
        if (_messages == 0)
        {
            _emptyFirstTimestamp = null;
        }

        return removed;
    }

    /// Drops every segment and starts a new one whose first record carries the last sequence,
    /// so that no sequence is reused after a restart. The old files go at the next flush, after
    /// that record is durable.
    private ulong PurgeAll(ulong startAt)
    {
        var purged = _messages;
        foreach (var segment in _segments)
        {
            segment.Dropped = true;
            segment.Cache = null;
            _storage.DeleteSegment(segment.Id);
        }

        _segments.Clear();
        _subjects.Clear();
        _tombstoned.Clear();
        _open = null;
        _cachedSealed = null;
        _messages = 0;
        _bytes = 0;
        if (startAt > _last + 1)
        {
            _last = startAt - 1;
        }

        _first = _last + 1;
        _emptyFirstTimestamp = null;
        if (_last > 0)
        {
            var segment = OpenSegment();
            var record = Scratch(RecordCodec.SequenceLength);
            RecordCodec.WriteSequence(record, RecordKind.LastSequence, _last, _lastTimestamp ?? 0);
            _storage.Append(segment.Id, record);
        }

        return purged;
    }

    private ulong PurgeSubjects(string filter, ulong sequence, ulong keep)
    {
        List<ulong> doomed = [];
        ulong matching = 0;
        foreach (var state in MatchingSubjects(filter))
        {
            matching += (ulong)state.Count;
            foreach (var held in state.Sequences)
            {
                if (sequence <= 1 || held < sequence)
                {
                    doomed.Add(held);
                }
            }
        }

        if (keep > 0)
        {
            if (keep >= matching)
            {
                return 0;
            }

            // The oldest matching ones go, across subjects, in sequence order.
            doomed.Sort();
            doomed.RemoveRange((int)(matching - keep), doomed.Count - (int)(matching - keep));
        }

        ulong removed = 0;
        foreach (var held in doomed)
        {
            if (RemoveSequence(held, erase: false))
            {
                removed++;
            }
        }

        if (_messages == 0 && removed > 0)
        {
            _emptyFirstTimestamp = null;
        }

        return removed;
    }
}
