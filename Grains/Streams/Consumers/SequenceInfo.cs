namespace Natrium.Grains.Streams.Consumers;

/// ConsumerInfo's `delivered` / `ack_floor`: `consumer_seq`, `stream_seq` and `last_active`
/// (Unix nanoseconds; null = never, which the JSON leaves out).
internal readonly record struct SequenceInfo(ulong ConsumerSeq, ulong StreamSeq, long? LastActiveNanos);
