namespace Natrium.Grains.Streams.Api;

/// An account's JetStream limits as the rules and `$JS.API.INFO` need them (nats-server's
/// JetStreamAccountLimits; spec/jetstream.md §1, §9). -1 is unlimited; MaxMemory or MaxStore 0
/// means no memory or file streams. The *MaxStreamBytes caps apply when > 0.
internal sealed record JetStreamLimitsView(
    long MaxMemory = -1,
    long MaxStore = -1,
    int MaxStreams = -1,
    int MaxConsumers = -1,
    int MaxAckPending = -1,
    long MemoryMaxStreamBytes = -1,
    long StoreMaxStreamBytes = -1,
    bool MaxBytesRequired = false)
{
    public static JetStreamLimitsView Unlimited { get; } = new();

    /// The per-stream byte cap for the storage type (0 or less: none).
    public long MaxStreamBytes(StorageType storage) =>
        storage == StorageType.Memory ? MemoryMaxStreamBytes : StoreMaxStreamBytes;
}
