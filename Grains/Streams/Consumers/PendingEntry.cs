namespace Natrium.Grains.Streams.Consumers;

/// A delivered, unacked message: the consumer sequence of its first delivery (nats-server
/// keeps that one across redeliveries and floors the ack on it), when it was last delivered or
/// touched, and when ack_wait/backoff runs out (long.MaxValue while queued for redelivery).
internal readonly record struct PendingEntry(ulong ConsumerSeq, long Timestamp, long Deadline);
