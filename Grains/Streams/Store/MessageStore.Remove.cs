using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams.Store;

/// Removing messages: acks of interest/workqueue streams, msg delete, limits and max_age.
/// A removal changes memory and queues a tombstone for the message's segment; the segment file
/// is never rewritten for it. A sealed segment left empty is deleted, sparse ones are compacted.
internal sealed partial class MessageStore
{
    /// Removes a held message (an interest or workqueue stream's consumers are done with it).
    /// False when the sequence is not held.
    public bool Remove(ulong sequence) => RemoveSequence(sequence, erase: false);

    /// STREAM.MSG.DELETE (spec/jetstream.md §2.6); erase overwrites the record on disk (the
    /// default unless no_erase). Null on success. The errors and their order are 2.9.10's
    /// (jsMsgDeleteRequest, fileStore.removeMsg), probed: seq 0 and sequences below the first
    /// → 500/10057 `no message found`; beyond the last → `stream store EOF`; a deleted interior
    /// sequence → 400/10043 `sequence N not found`. The memory store answers 10043 for all.
    public ApiError? Delete(ulong sequence, bool erase)
    {
        if (Config.Sealed)
        {
            return StoreErrors.Sealed;
        }

        if (Config.DenyDelete)
        {
            return StoreErrors.DeleteNotPermitted;
        }

        if (!IsMemory)
        {
            if (sequence > _last)
            {
                return StoreErrors.DeleteEndOfStore;
            }

            if (sequence == 0 || sequence < _first)
            {
                return StoreErrors.DeleteNoMessage;
            }
        }

        return RemoveSequence(sequence, erase) ? null : StoreErrors.SequenceNotFound(sequence);
    }

    /// Removes the messages older than max_age at nowNanos (the lead calls this when
    /// NextExpiryNanos is due); returns how many went.
    public int Expire(long nowNanos)
    {
        // The same timer forgets Nats-Msg-Id values older than duplicate_window.
        _dedupe.Prune(nowNanos, DuplicateWindow);
        if (Config.MaxAgeNanos <= 0)
        {
            return 0;
        }

        var cutoff = nowNanos - Config.MaxAgeNanos;
        var expired = 0;
        while (_messages > 0 && TimestampOf(_first) <= cutoff)
        {
            RemoveSequence(_first, erase: false);
            expired++;
        }

        return expired;
    }

    private bool RemoveSequence(ulong sequence, bool erase)
    {
        var segment = FindSegment(sequence);
        if (segment is null || !segment.IsHeld(segment.SlotOf(sequence)))
        {
            return false;
        }

        RemoveSlot(segment, segment.SlotOf(sequence), erase);
        return true;
    }

    private void RemoveSlot(Segment segment, int slot, bool erase)
    {
        ref var entry = ref segment.Entries[slot];
        var sequence = segment.SequenceOf(slot);
        var state = entry.Subject!;
        if (erase)
        {
            _storage.Overwrite(segment.Id, entry.Locator, RecordCodec.Erased(sequence, entry.RecordLength));
        }

        _messages--;
        _bytes -= SizeOf(entry);
        state.Remove(sequence);
        if (state.Count == 0)
        {
            _subjects.Remove(state.Subject);
        }

        segment.Release(slot);
        if (segment.PendingTombstones is null)
        {
            segment.PendingTombstones = [];
            _tombstoned.Add(segment);
        }

        segment.PendingTombstones.Add(sequence);

        // The newest segment stays even when empty: its records carry the last sequence.
        if (segment.Live == 0 && segment != _segments[^1])
        {
            DropSegment(segment);
        }

        if (_messages == 0)
        {
            // 2.9.10 shows 1970-01-01 as first_ts once removals emptied a file stream (the block
            // stays, its first timestamp 0) and the zero time for a memory stream.
            _first = _last + 1;
            _emptyFirstTimestamp = IsMemory ? null : 0;
        }
        else if (sequence == _first)
        {
            _first = NextHeld(sequence + 1);
        }
    }

    // After a store: max_msgs_per_subject replaces the subject's oldest (KV history), then
    // max_msgs and max_bytes evict the stream's oldest, whatever the discard policy (with
    // discard: new the checks before storing keep these from firing, except the bytes quirk).
    private void ApplyLimitsAfterStore(StreamConfig config, string subject)
    {
        if (config.MaxMsgsPerSubject > 0 && _subjects.TryGetValue(subject, out var state))
        {
            KeepNewest(state, (ulong)config.MaxMsgsPerSubject);
        }

        EvictOldest(config);
    }

    // At open and on update: per-subject limits when lowered, then max_msgs and max_bytes.
    private void ApplyLimits(StreamConfig? previous)
    {
        var config = Config;
        var perSubject = config.MaxMsgsPerSubject;
        if (perSubject > 0 && (previous is null || previous.MaxMsgsPerSubject <= 0 || perSubject < previous.MaxMsgsPerSubject))
        {
            foreach (var state in _subjects.Values.Where(s => s.Count > perSubject).ToList())
            {
                KeepNewest(state, (ulong)perSubject);
            }
        }

        EvictOldest(config);
    }

    private void EvictOldest(StreamConfig config)
    {
        while (config.MaxMsgs > 0 && _messages > (ulong)config.MaxMsgs)
        {
            RemoveSequence(_first, erase: false);
        }

        while (config.MaxBytes > 0 && _bytes > (ulong)config.MaxBytes)
        {
            RemoveSequence(_first, erase: false);
        }
    }

    /// Removes the oldest messages of a subject until `keep` are left; returns how many went.
    private ulong KeepNewest(SubjectState state, ulong keep)
    {
        ulong removed = 0;
        while ((ulong)state.Count > keep)
        {
            RemoveSequence(state.First, erase: false);
            removed++;
        }

        return removed;
    }

    /// Removes every held message below sequence; returns how many went.
    private ulong RemoveBelow(ulong sequence)
    {
        ulong removed = 0;
        while (_messages > 0 && _first < sequence)
        {
            RemoveSequence(_first, erase: false);
            removed++;
        }

        return removed;
    }

    private ulong SizeOfSequence(ulong sequence)
    {
        var segment = FindSegment(sequence);
        return segment is null ? 0 : SizeOf(segment.Entries[segment.SlotOf(sequence)]);
    }
}
