namespace Natrium.Contracts.JetStream;

/// An account's JetStream limits (spec/jetstream.md §9; config `accounts.X.jetstream`, JWT
/// `limits.mem_storage`…): -1 means unlimited. `jetstream: enabled` gives Unlimited.
[GenerateSerializer, Immutable, Alias("natrium.jetstream-account-limits")]
public sealed record JetStreamAccountLimits(
    [property: Id(0)] long MaxMemory,
    [property: Id(1)] long MaxStore,
    [property: Id(2)] int MaxStreams,
    [property: Id(3)] int MaxConsumers,
    [property: Id(4)] int MaxAckPending,
    [property: Id(5)] long MemoryMaxStreamBytes,
    [property: Id(6)] long StoreMaxStreamBytes,
    [property: Id(7)] bool MaxBytesRequired)
{
    public static JetStreamAccountLimits Unlimited { get; } = new(-1, -1, -1, -1, -1, -1, -1, false);
}
