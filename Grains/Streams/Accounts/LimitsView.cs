using Natrium.Contracts.JetStream;
using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams.Accounts;

/// An account's JetStream limits as the API rules read them.
internal static class LimitsView
{
    public static JetStreamLimitsView Of(JetStreamAccountLimits limits) => new(
        limits.MaxMemory, limits.MaxStore, limits.MaxStreams, limits.MaxConsumers, limits.MaxAckPending,
        limits.MemoryMaxStreamBytes, limits.StoreMaxStreamBytes, limits.MaxBytesRequired);
}
