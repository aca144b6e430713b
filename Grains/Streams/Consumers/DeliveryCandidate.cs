using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Streams.Consumers;

/// The message a consumer would send next, chosen before a target is known and committed only
/// once one takes it (a pull may refuse it over max_bytes).
internal readonly record struct DeliveryCandidate(StoredMessage Message, ulong Deliveries, CandidateSource Source);

/// Where the candidate came from, which decides what delivering it advances.
internal enum CandidateSource
{
    New,
    SkipList,
    Redelivery,
}
