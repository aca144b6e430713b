namespace Natrium.Grains.Streams.Store;

/// The list of segments in sequence order: finding the one of a sequence, the next held
/// message, starting, sealing and dropping segments. The newest segment is never dropped: its
/// records carry the last sequence, which must survive a restart even when nothing is held.
internal sealed partial class MessageStore
{
    /// The segment whose slots cover sequence, or null.
    private Segment? FindSegment(ulong sequence)
    {
        var index = FindSegmentIndex(sequence);
        return index >= 0 && _segments[index].Contains(sequence) ? _segments[index] : null;
    }

    /// Index of the last segment starting at or before sequence, or -1.
    private int FindSegmentIndex(ulong sequence)
    {
        var count = _segments.Count;
        if (count == 0 || sequence < _segments[0].BaseSequence)
        {
            return -1;
        }

        if (sequence >= _segments[count - 1].BaseSequence)
        {
            return count - 1;
        }

        int low = 0, high = count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) >>> 1;
            if (_segments[middle].BaseSequence <= sequence)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    /// The first held sequence at or after `from`, or 0.
    private ulong NextHeld(ulong from)
    {
        var index = Math.Max(FindSegmentIndex(from), 0);
        for (; index < _segments.Count; index++)
        {
            var segment = _segments[index];
            var held = segment.NextHeld(segment.FirstSlotAtOrAfter(from));
            if (held >= 0)
            {
                return segment.SequenceOf(held);
            }
        }

        return 0;
    }

    /// The segment taking appends, started when there is none (its first slot is _last + 1).
    private Segment OpenSegment()
    {
        if (_open is { Sealed: false } open)
        {
            return open;
        }

        var previous = _segments.Count > 0 ? _segments[^1] : null;

        // Sized like the previous segment (messages tend to keep their size): no regrowth.
        var capacity = Math.Max(Segment.InitialSlots, (previous?.Count ?? 0) + ((previous?.Count ?? 0) / 8));
        var segment = new Segment(_nextSegmentId++, _last + 1, capacity);
        segment.Cache = new StoredMessage?[segment.Entries.Length];
        _segments.Add(segment);
        _open = segment;

        // The previous newest segment kept the last sequence on disk; it may go once empty.
        if (previous is { Live: 0 })
        {
            DropSegment(previous);
        }

        return segment;
    }

    private void SealIfFull(Segment segment)
    {
        if (_storage.SegmentLength(segment.Id) < _options.SegmentBytes)
        {
            return;
        }

        segment.Sealed = true;
        segment.Trim();
        if (_cachedSealed is not null && _cachedSealed != segment)
        {
            _cachedSealed.Cache = null;
        }

        _cachedSealed = segment;
        _open = null;
    }

    private void DropSegment(Segment segment)
    {
        segment.Dropped = true;
        segment.PendingTombstones = null;
        segment.Cache = null;
        _segments.Remove(segment);
        _storage.DeleteSegment(segment.Id);
        if (_open == segment)
        {
            _open = null;
        }

        if (_cachedSealed == segment)
        {
            _cachedSealed = null;
        }
    }
}
