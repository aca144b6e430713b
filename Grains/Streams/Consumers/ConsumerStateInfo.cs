namespace Natrium.Grains.Streams.Consumers;

/// The live part of ConsumerInfo (spec/jetstream.md §4.3) that the API layer writes next to
/// the config and created time. NumWaiting is 0 and PushBound false where the JSON omits them.
internal sealed record ConsumerStateInfo(
    SequenceInfo Delivered,
    SequenceInfo AckFloor,
    long NumAckPending,
    long NumRedelivered,
    int NumWaiting,
    ulong NumPending,
    bool PushBound);
