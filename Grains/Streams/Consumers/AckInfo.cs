namespace Natrium.Grains.Streams.Consumers;

/// The numbers an ack subject carries.
internal readonly record struct AckInfo(ulong Deliveries, ulong StreamSeq, ulong ConsumerSeq, long TimestampNanos, ulong Pending);
