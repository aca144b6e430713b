using Natrium.Contracts.Subjects;

namespace Natrium.Grains.Streams.Store;

/// Reading: IStreamView for consumers, msg get (§2.6) and direct get. Costs: a literal filter
/// uses the per-subject index (O(log n)); no filter or `>` uses the segments' bitmaps; a
/// wildcard filter costs O(distinct subjects) per call (each subject's match is cached per
/// filter), or a scan of the held messages when that is shorter (CountMatching), or a scan of at
/// most WildcardScan messages before falling back to the subjects (NextMatching).
internal sealed partial class MessageStore
{
    private const int WildcardScan = 256;

    public StoredMessage? Load(ulong sequence)
    {
        var segment = FindSegment(sequence);
        if (segment is null)
        {
            return null;
        }

        var slot = segment.SlotOf(sequence);
        if (!segment.IsHeld(slot))
        {
            return null;
        }

        if (segment.Cache?[slot] is { } cached)
        {
            return cached;
        }

        var entry = segment.Entries[slot];
        if (!_storage.TryRead(segment.Id, entry.Locator, entry.RecordLength, out var record)
            || !RecordCodec.TryReadMessage(record, out _, out var headers, out var data))
        {
            StoreLog.UnreadableMessage(_logger, segment.Id, sequence);
            return null;
        }

        var message = new StoredMessage(sequence, entry.Subject!.Subject, headers, data, entry.Timestamp);
        if (segment.Cache is { } cache)
        {
            cache[slot] = message;
        }

        return message;
    }

    /// Newest message matching filter (last_by_subj, DIRECT.GET by subject), or null.
    public StoredMessage? LoadLast(string? filter)
    {
        ulong last = 0;
        if (IsEverything(filter))
        {
            last = LastHeld();
        }
        else
        {
            foreach (var state in MatchingSubjects(filter!))
            {
                last = Math.Max(last, state.Last);
            }
        }

        return last == 0 ? null : Load(last);
    }

    /// First message at or after `from` matching filter (next_by_subj), or null.
    public StoredMessage? LoadNext(string? filter, ulong from)
    {
        var sequence = NextMatching(from, filter);
        return sequence == 0 ? null : Load(sequence);
    }

    public ulong NextMatching(ulong from, string? filter)
    {
        from = Math.Max(from, _first);
        if (_messages == 0 || from > _last)
        {
            return 0;
        }

        if (IsEverything(filter))
        {
            return NextHeld(from);
        }

        if (IsLiteral(filter!))
        {
            return _subjects.TryGetValue(filter!, out var state) ? state.AtOrAfter(from) : 0;
        }

        var scanned = 0;
        for (var sequence = NextHeld(from); sequence != 0 && scanned < WildcardScan; sequence = NextHeld(sequence + 1), scanned++)
        {
            if (Matches(SubjectAt(sequence), filter!))
            {
                return sequence;
            }

            from = sequence + 1;
        }

        ulong next = 0;
        foreach (var state in MatchingSubjects(filter!))
        {
            var candidate = state.AtOrAfter(from);
            if (candidate != 0 && (next == 0 || candidate < next))
            {
                next = candidate;
            }
        }

        return next;
    }

    public ulong CountMatching(ulong after, string? filter)
    {
        if (_messages == 0 || after >= _last)
        {
            return 0;
        }

        if (IsEverything(filter))
        {
            return CountHeldAfter(after);
        }

        if (IsLiteral(filter!))
        {
            return _subjects.TryGetValue(filter!, out var state) ? state.CountAfter(after) : 0;
        }

        ulong count = 0;
        if ((ulong)_subjects.Count <= _last - after)
        {
            foreach (var state in MatchingSubjects(filter!))
            {
                count += state.CountAfter(after);
            }

            return count;
        }

        for (var sequence = NextHeld(after + 1); sequence != 0; sequence = NextHeld(sequence + 1))
        {
            if (Matches(SubjectAt(sequence), filter!))
            {
                count++;
            }
        }

        return count;
    }

    public IReadOnlyList<ulong> LastPerSubject(string? filter)
    {
        var lasts = new List<ulong>();
        foreach (var state in IsEverything(filter) ? _subjects.Values : MatchingSubjects(filter!))
        {
            lasts.Add(state.Last);
        }

        lasts.Sort();
        return lasts;
    }

    public ulong SequenceAtOrAfter(long timestampNanos)
    {
        // Timestamps never decrease along sequences (Store keeps them monotonic), so the first
        // segment whose newest slot is not older than the time holds the answer.
        int low = 0, high = _segments.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var segment = _segments[middle];
            if (segment.Count == 0 || segment.Entries[segment.Count - 1].Timestamp < timestampNanos)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        if (low == _segments.Count)
        {
            return _last + 1;
        }

        var found = _segments[low];
        var slot = found.SlotAtOrAfter(timestampNanos);
        var next = slot < found.Count ? NextHeld(found.SequenceOf(slot)) : 0;
        return next == 0 ? _last + 1 : next;
    }

    /// Held messages per subject matching filter (StreamInfo `subjects` for subjects_filter).
    public IReadOnlyDictionary<string, ulong> SubjectCounts(string? filter)
    {
        var counts = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var state in IsEverything(filter) ? _subjects.Values : MatchingSubjects(filter!))
        {
            counts[state.Subject] = (ulong)state.Count;
        }

        return counts;
    }

    private IEnumerable<SubjectState> MatchingSubjects(string filter)
    {
        if (IsLiteral(filter))
        {
            return _subjects.TryGetValue(filter, out var state) ? [state] : [];
        }

        return _subjects.Values.Where(state => Matches(state, filter));
    }

    private static bool Matches(SubjectState state, string filter)
    {
        if (!ReferenceEquals(state.MatchedFilter, filter))
        {
            state.Matched = SubjectMatcher.Matches(filter.AsSpan(), state.Subject.AsSpan());
            state.MatchedFilter = filter;
        }

        return state.Matched;
    }

    private SubjectState SubjectAt(ulong sequence)
    {
        var segment = FindSegment(sequence)!;
        return segment.Entries[segment.SlotOf(sequence)].Subject!;
    }

    private static bool IsEverything(string? filter) => string.IsNullOrEmpty(filter) || filter == FullWildcard;

    private static bool IsLiteral(string filter)
    {
        foreach (var token in filter.AsSpan().Split('.'))
        {
            var text = filter.AsSpan()[token];
            if (text is "*" or ">")
            {
                return false;
            }
        }

        return true;
    }

    // Held messages above `after`, from whichever end of the segment list is nearer.
    private ulong CountHeldAfter(ulong after)
    {
        if (after < _first)
        {
            return _messages;
        }

        var index = FindSegmentIndex(after + 1);
        var segment = _segments[index];
        var inSegment = (ulong)segment.CountHeld(segment.FirstSlotAtOrAfter(after + 1));
        ulong count = 0;
        if (index >= _segments.Count / 2)
        {
            for (var i = index + 1; i < _segments.Count; i++)
            {
                count += (ulong)_segments[i].Live;
            }

            return count + inSegment;
        }

        for (var i = 0; i < index; i++)
        {
            count += (ulong)_segments[i].Live;
        }

        return _messages - count - ((ulong)segment.Live - inSegment);
    }

    private ulong LastHeld()
    {
        for (var index = _segments.Count - 1; index >= 0; index--)
        {
            var segment = _segments[index];
            var slot = segment.Live > 0 ? segment.PreviousHeld(segment.Count - 1) : -1;
            if (slot >= 0)
            {
                return segment.SequenceOf(slot);
            }
        }

        return 0;
    }
}
