using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// JetStream limits of an account or of one tier (Go JetStreamLimits). -1 = unlimited; storage 0
/// means JetStream is disabled; the *_max_stream_bytes 0 means no per-stream cap.
public sealed record JetStreamLimits
{
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

    [JsonIgnore]
    public bool IsEnabled => MemoryStorage != 0 || DiskStorage != 0;
}
