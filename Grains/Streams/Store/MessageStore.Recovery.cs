using System.Text;

namespace Natrium.Grains.Streams.Store;

/// Opening a stream: every segment is read once to rebuild the index (message records minus the
/// tombstones and erasures that follow them), the last sequence is the highest any record
/// carries (message, used sequence, purge marker), and the Nats-Msg-Id values of the messages
/// within duplicate_window are loaded again (stream.go rebuildDedupe).
internal sealed partial class MessageStore
{
    private const int StackChars = 256;

    private async Task RecoverAsync()
    {
        var ids = (await _storage.ListSegmentsAsync()).ToList();
        var recovered = new List<Segment>();
        var msgIds = new List<(string Id, ulong Sequence, long Timestamp)>();
        var cutoff = NowNanos() - DuplicateWindow;
        foreach (var id in ids)
        {
            _nextSegmentId = Math.Max(_nextSegmentId, id + 1);
            var contents = await _storage.ReadSegmentAsync(id);
            Report(contents.Damage);
            if (Rebuild(id, contents, cutoff, msgIds) is { } segment)
            {
                recovered.Add(segment);
            }
            else if (contents.Damage.Count == 0)
            {
                _storage.DeleteSegment(id);
            }
        }

        Index(Supersede(recovered));
        msgIds.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        foreach (var (id, sequence, timestamp) in msgIds)
        {
            if (FindSegment(sequence) is { } segment && segment.IsHeld(segment.SlotOf(sequence)))
            {
                _dedupe.Add(id, sequence, timestamp);
                _lastMsgId = sequence == _last ? id : _lastMsgId;
            }
        }
    }

    private Segment? Rebuild(ulong id, SegmentContents contents, long cutoff, List<(string, ulong, long)> msgIds)
    {
        ulong first = ulong.MaxValue, last = 0, marker = 0;
        foreach (var record in contents.Records)
        {
            var kind = RecordCodec.KindOf(record.Data.Span);
            if (!RecordCodec.TryReadHead(record.Data.Span, out var sequence, out var timestamp))
            {
                continue;
            }

            _last = Math.Max(_last, sequence);
            _lastTimestamp = kind == RecordKind.Erased ? _lastTimestamp : Math.Max(_lastTimestamp ?? 0, timestamp);
            if (kind == RecordKind.LastSequence)
            {
                marker = Math.Max(marker, sequence);
                continue;
            }

            first = Math.Min(first, sequence);
            last = Math.Max(last, sequence);
        }

        if (first == ulong.MaxValue)
        {
            // Only a purge's marker: an empty segment starting after it.
            return marker == 0 ? null : new Segment(id, marker + 1) { Sealed = true };
        }

        var segment = NewRecoveredSegment(id, contents, first, last);
        var known = new bool[segment.Count];
        var tombstones = new List<ulong>();
        foreach (var record in contents.Records)
        {
            var span = record.Data.Span;
            switch (RecordCodec.KindOf(span))
            {
                case RecordKind.Message:
                    RecoverMessage(segment, record, known, cutoff, msgIds);
                    break;
                case RecordKind.Sequence when RecordCodec.TryReadHead(span, out var used, out var timestamp) && segment.SlotOf(used) >= 0:
                    segment.Entries[segment.SlotOf(used)].Timestamp = timestamp;
                    known[segment.SlotOf(used)] = true;
                    break;
                case RecordKind.Tombstones:
                    RecordCodec.TryReadTombstones(span, tombstones);
                    break;
            }
        }

        foreach (var removed in tombstones)
        {
            if (segment.Contains(removed) && segment.IsHeld(segment.SlotOf(removed)))
            {
                segment.Release(segment.SlotOf(removed));
            }
        }

        segment.FillTimestamps(known);
        return segment;
    }

    // Dense for a segment written as it grew; sparse for a compaction's product (it starts with
    // its Range record and holds only messages, in sequence order).
    private static Segment NewRecoveredSegment(ulong id, SegmentContents contents, ulong first, ulong last)
    {
        if (contents.Records.Count == 0 || !RecordCodec.TryReadRange(contents.Records[0].Data.Span, out var start, out var end))
        {
            var dense = new Segment(id, first) { Sealed = true };
            dense.EnsureSlots(checked((int)(last - first + 1)));
            return dense;
        }

        var sequences = new List<ulong>(contents.Records.Count);
        foreach (var record in contents.Records)
        {
            if (RecordCodec.KindOf(record.Data.Span) == RecordKind.Message && RecordCodec.TryReadHead(record.Data.Span, out var sequence, out _))
            {
                sequences.Add(sequence);
            }
        }

        sequences.Sort();
        var sparse = Segment.Sparse(id, Math.Min(start, first), Math.Max(end, last + 1), [.. sequences.Distinct()]);
        sparse.Sealed = true;
        return sparse;
    }

    private void RecoverMessage(Segment segment, StorageRecord record, bool[] known, long cutoff, List<(string, ulong, long)> msgIds)
    {
        if (!RecordCodec.TryReadHead(record.Data.Span, out var sequence, out var timestamp)
            || !RecordCodec.TryReadMessage(record.Data, out var subject, out var headers, out _))
        {
            return;
        }

        var slot = segment.SlotOf(sequence);
        if (slot < 0 || segment.IsHeld(slot))
        {
            return;
        }

        segment.Entries[slot].Timestamp = timestamp;
        known[slot] = true;
        var length = record.Data.Length | (headers.IsEmpty ? 0 : SlotEntry.HeadersFlag);
        segment.Hold(slot, Intern(subject.Span), checked((int)record.Locator), length);
        if (timestamp >= cutoff && JsHeaders.Get(headers.Span, "Nats-Msg-Id"u8) is { IsEmpty: false } msgId)
        {
            msgIds.Add((Encoding.Latin1.GetString(msgId), sequence, timestamp));
        }
    }

    // A crash after a compaction wrote its product and before the replaced segments were deleted
    // leaves both. The product has the higher id and covers each replaced segment's range, and
    // no other segments overlap, so: in sequence order, a segment inside the range of a segment
    // with a higher id is a replaced one, and goes.
    private List<Segment> Supersede(List<Segment> recovered)
    {
        recovered.Sort((a, b) => a.BaseSequence != b.BaseSequence ? a.BaseSequence.CompareTo(b.BaseSequence) : b.Id.CompareTo(a.Id));
        var kept = new List<Segment>(recovered.Count);
        Segment? cover = null;
        foreach (var segment in recovered)
        {
            if (cover is not null && segment.Count > 0 && segment.BaseSequence < cover.EndSequence && segment.Id < cover.Id)
            {
                _storage.DeleteSegment(segment.Id);
                continue;
            }

            kept.Add(segment);
            cover = segment.Count > 0 && (cover is null || segment.EndSequence > cover.EndSequence) ? segment : cover;
        }

        return kept;
    }

    // Segments in sequence order feed the per-subject index and the totals; a sequence seen twice
    // anyway is kept once.
    private void Index(List<Segment> recovered)
    {
        ulong highest = 0;
        foreach (var segment in recovered)
        {
            for (var slot = segment.NextHeld(0); slot >= 0; slot = segment.NextHeld(slot + 1))
            {
                var sequence = segment.SequenceOf(slot);
                if (sequence <= highest)
                {
                    segment.Release(slot);
                    continue;
                }

                highest = sequence;
                segment.Entries[slot].Subject!.Append(sequence);
                _messages++;
                _bytes += SizeOf(segment.Entries[slot]);
            }

            _segments.Add(segment);
        }

        foreach (var state in _subjects.Values.Where(state => state.Count == 0).ToList())
        {
            _subjects.Remove(state.Subject);
        }

        _first = _messages > 0 ? NextHeld(0) : _last > 0 ? _last + 1 : 0;
        for (var i = _segments.Count - 2; i >= 0; i--)
        {
            if (_segments[i].Live == 0)
            {
                DropSegment(_segments[i]);
            }
            else
            {
                _segments[i].Trim();
            }
        }

        if (_segments.Count > 0 && _storage.SegmentLength(_segments[^1].Id) < _options.SegmentBytes)
        {
            _open = _segments[^1];
            _open.Sealed = false;
            _open.Cache = new StoredMessage?[_open.Entries.Length];
        }
    }

    private SubjectState Intern(ReadOnlySpan<byte> subject)
    {
        Span<char> stack = stackalloc char[StackChars];
        var chars = subject.Length <= StackChars ? stack[..subject.Length] : new char[subject.Length];
        Encoding.Latin1.GetChars(subject, chars);
        if (_subjects.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var state))
        {
            return state;
        }

        var text = new string(chars);
        state = new SubjectState(text);
        _subjects.Add(text, state);
        return state;
    }

    private void Report(IReadOnlyList<StorageDamage> damage)
    {
        foreach (var found in damage)
        {
            _damage.Add(found);
            if (found.TornTail)
            {
                StoreLog.TornTail(_logger, found.Segment, found.Offset, found.Length);
            }
            else
            {
                StoreLog.DamagedRecords(_logger, found.Segment, found.Offset, found.Length);
            }
        }
    }
}
