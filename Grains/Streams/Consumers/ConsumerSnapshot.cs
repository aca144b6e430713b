namespace Natrium.Grains.Streams.Consumers;

/// What survives a restart (ConsumerState in nats-server's store): the delivered and ack-floor
/// pairs with their last-active times, each pending message (stream seq, first consumer seq,
/// last delivery time) and each redelivery count. Waiting pulls, flow control and push
/// interest are not kept, as in nats-server. Parallel arrays keep it small and flat.
[GenerateSerializer, Immutable, Alias("natrium.consumer-snapshot")]
internal sealed record ConsumerSnapshot(
    [property: Id(0)] ulong DeliveredConsumerSeq,
    [property: Id(1)] ulong DeliveredStreamSeq,
    [property: Id(2)] ulong AckFloorConsumerSeq,
    [property: Id(3)] ulong AckFloorStreamSeq,
    [property: Id(4)] ulong[] PendingStreamSeqs,
    [property: Id(5)] ulong[] PendingConsumerSeqs,
    [property: Id(6)] long[] PendingTimestamps,
    [property: Id(7)] ulong[] RedeliveredStreamSeqs,
    [property: Id(8)] ulong[] RedeliveredCounts,
    [property: Id(9)] long LastDeliveredNanos,
    [property: Id(10)] long LastAckNanos);
