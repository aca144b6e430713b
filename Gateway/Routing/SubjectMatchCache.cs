using System.IO.Hashing;

namespace Natrium.Gateway.Routing;

/// Recent match results by subject: a direct-mapped table read and written without locks.
/// Each slot holds an immutable entry, replaced whole, so a reader sees either the old or the
/// new entry and checks that it is for its subject and the current generation. A hit
/// allocates nothing; invalidation is the owner bumping its generation.
internal sealed class SubjectMatchCache<TResult>(int slots)
    where TResult : class
{
    private readonly Entry?[] _slots = new Entry?[slots];
    private readonly int _mask = CheckPowerOfTwo(slots) - 1;

    public bool TryGet(ReadOnlySpan<byte> subject, long generation, out TResult result)
    {
        var hash = Hash(subject);
        var entry = Volatile.Read(ref _slots[hash & _mask]);
        if (entry is not null && entry.Hash == hash && entry.Generation == generation && subject.SequenceEqual(entry.Subject))
        {
            result = entry.Result;
            return true;
        }

        result = null!;
        return false;
    }

    public void Set(ReadOnlySpan<byte> subject, long generation, TResult result)
    {
        var hash = Hash(subject);
        Volatile.Write(ref _slots[hash & _mask], new Entry(hash, subject.ToArray(), generation, result));
    }

    private static int Hash(ReadOnlySpan<byte> subject) => (int)XxHash3.HashToUInt64(subject);

    private static int CheckPowerOfTwo(int slots) =>
        slots > 0 && (slots & (slots - 1)) == 0 ? slots : throw new ArgumentOutOfRangeException(nameof(slots), "must be a power of two");

    private sealed record Entry(int Hash, byte[] Subject, long Generation, TResult Result);
}
