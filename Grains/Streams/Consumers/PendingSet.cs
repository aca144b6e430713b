namespace Natrium.Grains.Streams.Consumers;

/// The ack-pending messages of a consumer by stream sequence, with what the hot path needs in
/// O(1) amortized: the lowest pending sequence (the ack floor) and the next ack deadline.
/// Removal is lazy in both helper structures; they are rebuilt when stale entries outnumber live
/// ones, so memory stays proportional to what is pending.
internal sealed class PendingSet
{
    private const int Slack = 64;

    private readonly Dictionary<ulong, PendingEntry> _entries = [];

    // Stream sequences in delivery order, which is ascending: new deliveries only move forward.
    private readonly Queue<ulong> _order = new();

    // (stream seq, deadline); an item is live only while the entry still has that deadline.
    private readonly PriorityQueue<ulong, long> _deadlines = new();

    public int Count => _entries.Count;

    public IEnumerable<KeyValuePair<ulong, PendingEntry>> Entries => _entries;

    public bool Contains(ulong streamSeq) => _entries.ContainsKey(streamSeq);

    public bool TryGet(ulong streamSeq, out PendingEntry entry) => _entries.TryGetValue(streamSeq, out entry);

    /// A first delivery; streamSeq is above every sequence added before.
    public void Add(ulong streamSeq, ulong consumerSeq, long timestamp, long deadline)
    {
        _entries[streamSeq] = new PendingEntry(consumerSeq, timestamp, deadline);
        _order.Enqueue(streamSeq);
        Schedule(streamSeq, deadline);
    }

    /// A restored entry, in any order (the order queue is rebuilt once afterwards).
    public void Restore(ulong streamSeq, PendingEntry entry) => _entries[streamSeq] = entry;

    /// New delivery time and deadline for a message already pending (redelivery, +WPI, -NAK).
    public void Touch(ulong streamSeq, long timestamp, long deadline)
    {
        if (_entries.TryGetValue(streamSeq, out var entry))
        {
            _entries[streamSeq] = entry with { Timestamp = timestamp, Deadline = deadline };
            Schedule(streamSeq, deadline);
        }
    }

    public bool Remove(ulong streamSeq, out PendingEntry entry)
    {
        if (!_entries.Remove(streamSeq, out entry))
        {
            return false;
        }

        CompactIfStale();
        return true;
    }

    /// The lowest pending stream sequence, 0 when nothing is pending.
    public ulong First
    {
        get
        {
            while (_order.TryPeek(out var seq))
            {
                if (_entries.ContainsKey(seq))
                {
                    return seq;
                }

                _order.Dequeue();
            }

            return 0;
        }
    }

    /// Removes every pending sequence ≤ last, reporting each (ack_policy all, purge).
    public void RemoveThrough(ulong last, List<ulong> removed)
    {
        while (_order.TryPeek(out var seq) && seq <= last)
        {
            _order.Dequeue();
            if (_entries.Remove(seq))
            {
                removed.Add(seq);
            }
        }

        CompactIfStale();
    }

    /// When the earliest ack deadline falls, long.MaxValue when none.
    public long NextDeadline
    {
        get
        {
            while (_deadlines.TryPeek(out var seq, out var deadline))
            {
                if (_entries.TryGetValue(seq, out var entry) && entry.Deadline == deadline)
                {
                    return deadline;
                }

                _deadlines.Dequeue();
            }

            return long.MaxValue;
        }
    }

    /// Moves every message whose deadline is ≤ now into `expired` (ascending stream sequence,
    /// as checkPending sorts them) and parks it until it is redelivered.
    public void TakeExpired(long now, List<ulong> expired)
    {
        var start = expired.Count;
        while (NextDeadline <= now)
        {
            var seq = _deadlines.Dequeue();
            _entries[seq] = _entries[seq] with { Deadline = long.MaxValue };
            expired.Add(seq);
        }

        if (expired.Count - start > 1)
        {
            expired.Sort(start, expired.Count - start, null);
        }
    }

    /// Recomputes every deadline (restore, a new ack_wait or backoff) and rebuilds the order.
    public void Reschedule(Func<ulong, PendingEntry, long> deadline)
    {
        foreach (var seq in _entries.Keys.ToList())
        {
            var entry = _entries[seq];
            if (entry.Deadline != long.MaxValue)
            {
                _entries[seq] = entry with { Deadline = deadline(seq, entry) };
            }
        }

        Rebuild();
    }

    /// Parks a pending message (it sits in the redelivery queue, no timer).
    public void Park(ulong streamSeq)
    {
        if (_entries.TryGetValue(streamSeq, out var entry))
        {
            _entries[streamSeq] = entry with { Deadline = long.MaxValue };
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _order.Clear();
        _deadlines.Clear();
    }

    private void Schedule(ulong streamSeq, long deadline)
    {
        if (deadline != long.MaxValue)
        {
            _deadlines.Enqueue(streamSeq, deadline);
        }

        CompactIfStale();
    }

    private void CompactIfStale()
    {
        if (_order.Count > 2 * _entries.Count + Slack || _deadlines.Count > 2 * _entries.Count + Slack)
        {
            Rebuild();
        }
    }

    private void Rebuild()
    {
        var seqs = _entries.Keys.ToArray();
        Array.Sort(seqs);
        _order.Clear();
        foreach (var seq in seqs)
        {
            _order.Enqueue(seq);
        }

        _deadlines.Clear();
        _deadlines.EnqueueRange(_entries.Where(e => e.Value.Deadline != long.MaxValue).Select(e => (e.Key, e.Value.Deadline)));
    }
}
