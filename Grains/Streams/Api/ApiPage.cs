namespace Natrium.Grains.Streams.Api;

/// One page of a NAMES or LIST answer as 2.9.10 cuts it (spec/jetstream.md §2.5): items sorted
/// by name (Go's byte-wise strings.Compare), `offset` clamped to `total`, at most `limit` items.
/// A negative offset, on which 2.9.10 panics (slice bounds out of range, verified), counts as 0
/// here. Offsets are Go ints, 64 bits: one past int.MaxValue is clamped like any other.
internal sealed record ApiPage<T>(int Total, int Offset, int Limit, IReadOnlyList<T> Items)
{
    public static ApiPage<T> Of(IEnumerable<T> items, Func<T, string> name, long offset, int limit)
    {
        var sorted = items.OrderBy(name, StringComparer.Ordinal).ToList();
        int start = (int)Math.Clamp(offset, 0, sorted.Count);
        return new ApiPage<T>(sorted.Count, start, limit, sorted.Skip(start).Take(limit).ToList());
    }
}

/// The page sizes of 2.9.10 (JSApiNamesLimit, JSApiListLimit, JSMaxSubjectDetails).
internal static class ApiLimits
{
    public const int Names = 1024;
    public const int List = 256;
    public const int SubjectDetails = 100_000;
}
