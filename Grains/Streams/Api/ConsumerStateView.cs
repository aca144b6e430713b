namespace Natrium.Grains.Streams.Api;

/// A consumer-sequence / stream-sequence pair with the time of the last activity (Unix
/// nanoseconds; null omits `last_active`, as before the first delivery or ack).
internal sealed record SequencePair(ulong ConsumerSeq = 0, ulong StreamSeq = 0, long? LastActiveNanos = null)
{
    public static SequencePair Zero { get; } = new();
}

/// A consumer's live state for ConsumerInfo (spec/jetstream.md §4.3), filled by the consumer
/// engine: `delivered` = last consumer seq issued and its stream seq, `ack_floor` = highest
/// pair with everything at or below acked, and the counters. PushBound is written only when
/// true (a push consumer whose deliver subject has interest).
internal sealed record ConsumerStateView(
    SequencePair Delivered,
    SequencePair AckFloor,
    int NumAckPending = 0,
    int NumRedelivered = 0,
    int NumWaiting = 0,
    ulong NumPending = 0,
    bool PushBound = false)
{
    public static ConsumerStateView Initial { get; } = new(SequencePair.Zero, SequencePair.Zero);
}

/// Everything a ConsumerInfo answer shows. Name is the consumer's name (ConsumerConfigRules.NameOf).
internal sealed record ConsumerInfoView(string Stream, string Name, long CreatedNanos, ConsumerConfig Config, ConsumerStateView State);
