namespace Natrium.Grains.Streams.Api;

/// A stream's state for STREAM.INFO, LIST, CREATE and UPDATE answers (spec/jetstream.md §2.3),
/// filled by the stream grain from its store. Times are Unix nanoseconds; null is Go's zero time
/// (`0001-01-01T00:00:00Z`): empty stream, or first_ts after a purge. NumSubjects and NumDeleted
/// are omitted when 0; Deleted (interior gaps) is written only when set, i.e. when the request
/// asked for deleted_details.
internal sealed record StreamStateView(
    ulong Messages = 0,
    ulong Bytes = 0,
    ulong FirstSeq = 0,
    long? FirstTimeNanos = null,
    ulong LastSeq = 0,
    long? LastTimeNanos = null,
    int NumSubjects = 0,
    int NumDeleted = 0,
    IReadOnlyList<ulong>? Deleted = null,
    int ConsumerCount = 0)
{
    public static StreamStateView Empty { get; } = new();
}

/// Everything a StreamInfo answer shows: the stored config, when the stream was created (Unix
/// nanoseconds) and its state.
internal sealed record StreamInfoView(StreamConfig Config, long CreatedNanos, StreamStateView State);
