using System.Numerics;

namespace Natrium.Grains.Streams.Store;

/// Where one held message is: 24 bytes per sequence slot. Length is the record's length with
/// the top bit set when the message has headers (§3.4 sizes depend on it). Subject is null for
/// a slot without a message (removed, skipped, lost); Timestamp stays for time searches.
internal struct SlotEntry
{
    public const int HeadersFlag = int.MinValue;

    public SubjectState? Subject;
    public long Timestamp;
    public int Locator;
    public int Length;

    public readonly int RecordLength => Length & int.MaxValue;

    public readonly bool HasHeaders => (Length & HeadersFlag) != 0;
}

/// The in-memory index of one segment: slots, a bitmap of the slots holding a message (counts
/// and next-held searches by popcount), and for the open segment and the one sealed before it
/// the StoredMessage of each slot, so recent messages are read without IO. Older segments keep
/// their bodies on disk only. A segment written as it grows is dense (a slot per sequence from
/// BaseSequence on, skipped ones included); a compaction's product is sparse (a slot per message
/// it holds, with their sequences), so that the index of old data costs memory per message kept,
/// not per sequence the segment spans.
internal sealed class Segment(ulong id, ulong baseSequence, int capacity = Segment.InitialSlots)
{
    public const int InitialSlots = 256;

    // Sparse only: the sequence of each slot, ascending, and the end of the range covered.
    private ulong[]? _sequences;
    private ulong _end;

    public ulong Id { get; } = id;

    public ulong BaseSequence { get; } = baseSequence;

    public int Count { get; private set; }

    public SlotEntry[] Entries { get; private set; } = new SlotEntry[capacity];

    public ulong[] LiveBits { get; private set; } = new ulong[(capacity + 63) / 64];

    public int Live { get; private set; }

    /// Record bytes of the held messages (what a compaction would keep).
    public long LiveRecordBytes { get; private set; }

    public StoredMessage?[]? Cache { get; set; }

    /// No more messages go here (tombstones still may).
    public bool Sealed { get; set; }

    /// Gone from the store (emptied, purged or compacted into another segment).
    public bool Dropped { get; set; }

    /// Sequences removed since the last flush, written as one tombstone record by it.
    public List<ulong>? PendingTombstones { get; set; }

    public ulong EndSequence => _sequences is null ? BaseSequence + (ulong)Count : _end;

    public bool Contains(ulong sequence) => sequence >= BaseSequence && sequence < EndSequence;

    /// A sparse segment covering [first, end) with a slot for each of the ascending sequences.
    public static Segment Sparse(ulong id, ulong first, ulong end, ulong[] sequences)
    {
        var segment = new Segment(id, first, Math.Max(sequences.Length, 1));
        segment._sequences = sequences;
        segment._end = end;
        segment.Count = sequences.Length;
        return segment;
    }

    /// The slot of a sequence the segment Contains; -1 when a sparse segment has no slot for it.
    public int SlotOf(ulong sequence)
    {
        if (_sequences is null)
        {
            return (int)(sequence - BaseSequence);
        }

        var slot = Array.BinarySearch(_sequences, 0, Count, sequence);
        return slot < 0 ? -1 : slot;
    }

    public ulong SequenceOf(int slot) => _sequences is null ? BaseSequence + (ulong)slot : _sequences[slot];

    /// The first slot whose sequence is at or above `sequence` (Count when none).
    public int FirstSlotAtOrAfter(ulong sequence)
    {
        if (_sequences is null)
        {
            return sequence <= BaseSequence ? 0 : (int)Math.Min(sequence - BaseSequence, (ulong)Count);
        }

        var slot = Array.BinarySearch(_sequences, 0, Count, sequence);
        return slot < 0 ? ~slot : slot;
    }

    /// Adds the slot for sequence EndSequence.
    public int AddSlot(long timestamp)
    {
        if (Count == Entries.Length)
        {
            Grow(Math.Max(Count * 2, InitialSlots));
        }

        Entries[Count].Timestamp = timestamp;
        return Count++;
    }

    /// Makes room up to `slots` slots (recovery and compaction fill slots out of order).
    public void EnsureSlots(int slots)
    {
        if (slots > Entries.Length)
        {
            Grow(Math.Max(slots, Entries.Length * 2));
        }

        Count = Math.Max(Count, slots);
    }

    public void Hold(int slot, SubjectState subject, int locator, int length)
    {
        ref var entry = ref Entries[slot];
        entry.Subject = subject;
        entry.Locator = locator;
        entry.Length = length;
        LiveBits[slot >> 6] |= 1UL << slot;
        Live++;
        LiveRecordBytes += entry.RecordLength;
    }

    public void Release(int slot)
    {
        ref var entry = ref Entries[slot];
        entry.Subject = null;
        LiveBits[slot >> 6] &= ~(1UL << slot);
        Live--;
        LiveRecordBytes -= entry.RecordLength;
        if (Cache is not null)
        {
            Cache[slot] = null;
        }
    }

    public bool IsHeld(int slot) => slot >= 0 && slot < Count && (LiveBits[slot >> 6] & (1UL << slot)) != 0;

    /// The first held slot at or after `slot`, or -1.
    public int NextHeld(int slot)
    {
        if (slot >= Count)
        {
            return -1;
        }

        var word = slot >> 6;
        var bits = LiveBits[word] & (ulong.MaxValue << slot);
        var words = (Count + 63) >> 6;
        while (true)
        {
            if (bits != 0)
            {
                var found = (word << 6) + BitOperations.TrailingZeroCount(bits);
                return found < Count ? found : -1;
            }

            if (++word >= words)
            {
                return -1;
            }

            bits = LiveBits[word];
        }
    }

    /// The last held slot at or before `slot`, or -1.
    public int PreviousHeld(int slot)
    {
        if (slot < 0)
        {
            return -1;
        }

        slot = Math.Min(slot, Count - 1);
        var word = slot >> 6;
        var bits = LiveBits[word] & (ulong.MaxValue >> (63 - (slot & 63)));
        while (true)
        {
            if (bits != 0)
            {
                return (word << 6) + 63 - BitOperations.LeadingZeroCount(bits);
            }

            if (--word < 0)
            {
                return -1;
            }

            bits = LiveBits[word];
        }
    }

    /// How many slots at or after `slot` hold a message.
    public int CountHeld(int slot)
    {
        if (slot <= 0)
        {
            return Live;
        }

        if (slot >= Count)
        {
            return 0;
        }

        var word = slot >> 6;
        var count = BitOperations.PopCount(LiveBits[word] & (ulong.MaxValue << slot));
        for (var i = word + 1; i < LiveBits.Length; i++)
        {
            count += BitOperations.PopCount(LiveBits[i]);
        }

        return count;
    }

    /// The first slot stored at or after the time (timestamps never decrease along slots).
    public int SlotAtOrAfter(long timestamp)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Entries[middle].Timestamp < timestamp)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// Gives slots that never held a record (lost, or gaps left by compaction) the timestamp of
    /// their neighbours, so that timestamps keep increasing along the slots.
    public void FillTimestamps(bool[] known)
    {
        long last = 0;
        var firstKnown = Array.IndexOf(known, true, 0, Count);
        if (firstKnown >= 0)
        {
            last = Entries[firstKnown].Timestamp;
        }

        for (var slot = 0; slot < Count; slot++)
        {
            if (known[slot])
            {
                last = Entries[slot].Timestamp;
            }
            else
            {
                Entries[slot].Timestamp = last;
            }
        }
    }

    /// Drops the slack of a sealed segment's arrays when it is worth a copy.
    public void Trim()
    {
        if (Entries.Length - Count > Entries.Length / 4)
        {
            Grow(Count);
        }
    }

    private void Grow(int slots)
    {
        var entries = new SlotEntry[slots];
        Array.Copy(Entries, entries, Math.Min(Count, slots));
        Entries = entries;
        var bits = new ulong[(slots + 63) >> 6];
        Array.Copy(LiveBits, bits, Math.Min(LiveBits.Length, bits.Length));
        LiveBits = bits;
        if (Cache is not null)
        {
            var cache = new StoredMessage?[slots];
            Array.Copy(Cache, cache, Math.Min(Count, slots));
            Cache = cache;
        }
    }
}
