using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;

namespace Natrium.Gateway.Routing;

/// Direct-mapped cache from a published subject to its match result, read and written by every
/// connection's read loop without locks. Each slot holds one immutable Entry; a writer builds a
/// new entry and swaps the slot reference with a release write, so a reader sees either the old
/// or the new entry whole, never a mix. Collisions simply overwrite: the cache only saves work.
///
/// Invalidation is the caller's: it bumps its generation number whenever the interest behind the
/// results changes (SUB, UNSUB, remote interest), and entries of other generations miss.
/// The slots are allocated by the first Set: an account nobody publishes in, or a connection
/// that never publishes, pays for the cache object only (32 KiB per account otherwise).
/// System.IO.Hashing comes transitively through Orleans.
internal sealed class SubjectMatchCache<TResult> where TResult : class
{
    public const int DefaultCapacity = 4096;

    private readonly int _mask;
    private Entry?[]? _slots;

    // Per-instance seed, so a client cannot choose subjects that evict each other on every host.
    private readonly long _seed = Random.Shared.NextInt64(long.MinValue, long.MaxValue);

    public SubjectMatchCache(int capacity = DefaultCapacity)
    {
        if (capacity <= 0 || !int.IsPow2(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Capacity must be a positive power of two.");
        }

        _mask = capacity - 1;
    }

    public int Capacity => _mask + 1;

    /// Hit only when the slot holds this subject's bytes at this generation. Allocates nothing.
    public bool TryGet(ReadOnlySpan<byte> subject, long generation, [MaybeNullWhen(false)] out TResult result)
    {
        var slots = Volatile.Read(ref _slots);
        if (slots is null)
        {
            result = null;
            return false;
        }

        (int slot, int hash) = Locate(subject);
        Entry? entry = Volatile.Read(ref slots[slot]);
        if (entry is not null
            && entry.Hash == hash
            && entry.Generation == generation
            && subject.SequenceEqual(entry.Subject))
        {
            result = entry.Result;
            return true;
        }

        result = null;
        return false;
    }

    /// Stores `result` for `subject` at `generation`, replacing whatever shared the slot.
    /// Copies the subject, because the caller's span is a slice of a receive buffer.
    public void Set(ReadOnlySpan<byte> subject, long generation, TResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var slots = Volatile.Read(ref _slots) ?? Allocate();
        (int slot, int hash) = Locate(subject);
        Volatile.Write(ref slots[slot], new Entry(hash, subject.ToArray(), result, generation));
    }

    /// The entries still valid at `generation` (the others only wait to be overwritten), with
    /// the total and largest of `weight` over them. Walks every slot: for monitoring only.
    public (int Count, long Total, int Max) Survey(long generation, Func<TResult, int> weight)
    {
        int count = 0, max = 0;
        long total = 0;
        var slots = Volatile.Read(ref _slots) ?? [];
        for (var i = 0; i < slots.Length; i++)
        {
            var entry = Volatile.Read(ref slots[i]);
            if (entry is not null && entry.Generation == generation)
            {
                var value = weight(entry.Result);
                count++;
                total += value;
                max = Math.Max(max, value);
            }
        }

        return (count, total, max);
    }

    // Two first writers may race: both write into the array that won.
    private Entry?[] Allocate() => Interlocked.CompareExchange(ref _slots, new Entry?[Capacity], null) ?? _slots!;

    // Low bits pick the slot; the high half is kept in the entry so most foreign subjects in the
    // same slot are rejected before comparing bytes.
    private (int Slot, int Hash) Locate(ReadOnlySpan<byte> subject)
    {
        ulong hash = XxHash3.HashToUInt64(subject, _seed);
        return ((int)hash & _mask, (int)(hash >> 32));
    }

    private sealed class Entry(int hash, byte[] subject, TResult result, long generation)
    {
        public readonly int Hash = hash;
        public readonly byte[] Subject = subject;
        public readonly TResult Result = result;
        public readonly long Generation = generation;
    }
}
