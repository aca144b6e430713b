namespace Natrium.Grains.Streams.Store;

/// A stream's state as StreamInfo shows it (spec/jetstream.md §2.3). Timestamps are Unix
/// nanoseconds; null is Go's zero time (`0001-01-01T00:00:00Z`), while 0 is
/// `1970-01-01T00:00:00Z`, which 2.9.10 shows as first_ts once removals (not a purge) emptied a
/// file stream. Deleted is filled only when asked for (deleted_details).
internal sealed record StoreState(
    ulong Messages,
    ulong Bytes,
    ulong FirstSequence,
    long? FirstTimestampNanos,
    ulong LastSequence,
    long? LastTimestampNanos,
    int NumSubjects,
    ulong NumDeleted,
    IReadOnlyList<ulong>? Deleted);
