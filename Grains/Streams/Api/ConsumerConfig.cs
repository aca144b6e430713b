using System.Text.Json.Serialization;

namespace Natrium.Grains.Streams.Api;

/// A consumer's configuration with nats-server's JSON names (spec/jetstream.md §4.2). As a
/// request it holds what the client sent; after ConsumerConfigRules.Normalize, what 2.9.10
/// stores and echoes. Durations are nanoseconds on the wire; OptStartTime is RFC 3339.
internal sealed record ConsumerConfig
{
    [JsonPropertyName("durable_name")] public string? DurableName { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("deliver_policy")] public DeliverPolicy DeliverPolicy { get; init; }
    [JsonPropertyName("opt_start_seq")] public ulong OptStartSeq { get; init; }
    [JsonPropertyName("opt_start_time")] public DateTimeOffset? OptStartTime { get; init; }
    [JsonPropertyName("ack_policy")] public AckPolicy AckPolicy { get; init; }
    [JsonPropertyName("ack_wait")] public long AckWaitNanos { get; init; }
    [JsonPropertyName("max_deliver")] public long MaxDeliver { get; init; }
    [JsonPropertyName("backoff")] public IReadOnlyList<long>? BackoffNanos { get; init; }
    [JsonPropertyName("filter_subject")] public string? FilterSubject { get; init; }
    [JsonPropertyName("replay_policy")] public ReplayPolicy ReplayPolicy { get; init; }
    [JsonPropertyName("rate_limit_bps")] public ulong RateLimitBps { get; init; }
    [JsonPropertyName("sample_freq")] public string? SampleFrequency { get; init; }
    [JsonPropertyName("max_waiting")] public long MaxWaiting { get; init; }
    [JsonPropertyName("max_ack_pending")] public long MaxAckPending { get; init; }
    [JsonPropertyName("headers_only")] public bool HeadersOnly { get; init; }
    [JsonPropertyName("max_batch")] public long MaxRequestBatch { get; init; }
    [JsonPropertyName("max_expires")] public long MaxRequestExpiresNanos { get; init; }
    [JsonPropertyName("max_bytes")] public long MaxRequestMaxBytes { get; init; }
    [JsonPropertyName("deliver_subject")] public string? DeliverSubject { get; init; }
    [JsonPropertyName("deliver_group")] public string? DeliverGroup { get; init; }
    [JsonPropertyName("idle_heartbeat")] public long IdleHeartbeatNanos { get; init; }
    [JsonPropertyName("flow_control")] public bool FlowControl { get; init; }
    [JsonPropertyName("inactive_threshold")] public long InactiveThresholdNanos { get; init; }
    /// A Go int (64 bits): 2147483648 is "too many replicas", not invalid JSON.
    [JsonPropertyName("num_replicas")] public long Replicas { get; init; }
    [JsonPropertyName("mem_storage")] public bool MemoryStorage { get; init; }

    /// Push when it has a deliver subject, pull otherwise.
    [JsonIgnore] public bool IsPush => !string.IsNullOrEmpty(DeliverSubject);

    /// Only `durable_name` makes a consumer durable (spec/jetstream.md §4.1).
    [JsonIgnore] public bool IsDurable => !string.IsNullOrEmpty(DurableName);
}

[JsonConverter(typeof(JsonStringEnumConverter<DeliverPolicy>))]
internal enum DeliverPolicy
{
    [JsonStringEnumMemberName("all")] All,
    [JsonStringEnumMemberName("last")] Last,
    [JsonStringEnumMemberName("new")] New,
    [JsonStringEnumMemberName("by_start_sequence")] ByStartSequence,
    [JsonStringEnumMemberName("by_start_time")] ByStartTime,
    [JsonStringEnumMemberName("last_per_subject")] LastPerSubject,
}

[JsonConverter(typeof(JsonStringEnumConverter<AckPolicy>))]
internal enum AckPolicy
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("all")] All,
    [JsonStringEnumMemberName("explicit")] Explicit,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReplayPolicy>))]
internal enum ReplayPolicy
{
    [JsonStringEnumMemberName("instant")] Instant,
    [JsonStringEnumMemberName("original")] Original,
}
