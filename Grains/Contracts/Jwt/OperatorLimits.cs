using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// An account JWT's `limits` (Go OperatorLimits: the limits an operator sets on an account).
/// Go flattens NatsLimits, AccountLimits and JetStreamLimits into this one object, followed by
/// `tiered_limits`; the fields are in that order. -1 = unlimited; absent = 0.
public sealed record OperatorLimits
{
    [JsonPropertyName("subs")]
    public long Subs { get; init; }

    [JsonPropertyName("data")]
    public long Data { get; init; }

    [JsonPropertyName("payload")]
    public long Payload { get; init; }

    [JsonPropertyName("imports")]
    public long Imports { get; init; }

    [JsonPropertyName("exports")]
    public long Exports { get; init; }

    /// Wildcard exports allowed.
    [JsonPropertyName("wildcards")]
    public bool WildcardExports { get; init; }

    [JsonPropertyName("disallow_bearer")]
    public bool DisallowBearer { get; init; }

    /// Active client connections.
    [JsonPropertyName("conn")]
    public long Conn { get; init; }

    /// Active leaf node connections.
    [JsonPropertyName("leaf")]
    public long LeafNodeConn { get; init; }

    [JsonPropertyName("mem_storage")]
    public long MemoryStorage { get; init; }

    [JsonPropertyName("disk_storage")]
    public long DiskStorage { get; init; }

    [JsonPropertyName("streams")]
    public long Streams { get; init; }

    [JsonPropertyName("consumer")]
    public long Consumer { get; init; }

    [JsonPropertyName("max_ack_pending")]
    public long MaxAckPending { get; init; }

    [JsonPropertyName("mem_max_stream_bytes")]
    public long MemoryMaxStreamBytes { get; init; }

    [JsonPropertyName("disk_max_stream_bytes")]
    public long DiskMaxStreamBytes { get; init; }

    [JsonPropertyName("max_bytes_required")]
    public bool MaxBytesRequired { get; init; }

    /// Per-tier JetStream limits (e.g. "R1", "R3"); when present the flat JetStream fields are
    /// zeroed on decode, as Go's loader does.
    [JsonPropertyName("tiered_limits")]
    public IReadOnlyDictionary<string, JetStreamLimits> TieredLimits { get; init; } = new Dictionary<string, JetStreamLimits>();

    /// The flat JetStream fields as one value.
    [JsonIgnore]
    public JetStreamLimits JetStream => new()
    {
        MemoryStorage = MemoryStorage,
        DiskStorage = DiskStorage,
        Streams = Streams,
        Consumer = Consumer,
        MaxAckPending = MaxAckPending,
        MemoryMaxStreamBytes = MemoryMaxStreamBytes,
        DiskMaxStreamBytes = DiskMaxStreamBytes,
        MaxBytesRequired = MaxBytesRequired,
    };

    /// JetStream is on iff some tier (or, without tiers, the flat limits) has storage ≠ 0.
    [JsonIgnore]
    public bool IsJetStreamEnabled => TieredLimits.Count > 0
        ? TieredLimits.Values.Any(static tier => tier.IsEnabled)
        : JetStream.IsEnabled;

    internal OperatorLimits WithoutFlatJetStreamWhenTiered() => TieredLimits.Count == 0 ? this : this with
    {
        MemoryStorage = 0,
        DiskStorage = 0,
        Streams = 0,
        Consumer = 0,
        MaxAckPending = 0,
        MemoryMaxStreamBytes = 0,
        DiskMaxStreamBytes = 0,
        MaxBytesRequired = false,
    };
}
