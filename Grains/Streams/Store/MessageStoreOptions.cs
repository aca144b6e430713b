namespace Natrium.Grains.Streams.Store;

/// How a MessageStore lays out its segments. Immutable; Default suits streams of any size.
internal sealed record MessageStoreOptions
{
    public const int DefaultSegmentBytes = 4 * 1024 * 1024;

    public static MessageStoreOptions Default { get; } = new();

    /// A segment is sealed (no more messages) once it reaches this size; 1–8 MiB is sensible:
    /// smaller means more files, larger means more rewriting per compaction.
    public int SegmentBytes { get; init; } = DefaultSegmentBytes;

    /// A sealed segment whose live messages fill less than this share of it is compacted.
    public double CompactBelowLiveRatio { get; init; } = 0.5;
}
