namespace Natrium.Contracts.JetStream;

/// A stream as its account sees it: the stored config (JSON, as StreamInfo echoes it), when it
/// was created (Unix nanoseconds) and its state (spec/jetstream.md §2.3). Times null are Go's
/// zero time. ApiTotal and ApiErrors count the stream-level API requests it answered.
[GenerateSerializer, Immutable, Alias("natrium.stream-snapshot")]
public sealed record StreamSnapshot(
    [property: Id(0)] byte[] ConfigJson,
    [property: Id(1)] long CreatedNanos,
    [property: Id(2)] ulong Messages,
    [property: Id(3)] ulong Bytes,
    [property: Id(4)] ulong FirstSequence,
    [property: Id(5)] long? FirstTimestampNanos,
    [property: Id(6)] ulong LastSequence,
    [property: Id(7)] long? LastTimestampNanos,
    [property: Id(8)] int NumSubjects,
    [property: Id(9)] ulong NumDeleted,
    [property: Id(10)] int Consumers,
    [property: Id(11)] bool Memory,
    [property: Id(12)] ulong ApiTotal,
    [property: Id(13)] ulong ApiErrors);
