using System.Text.Json.Serialization;

namespace Natrium.Grains.Streams.Api;

/// A stream's configuration with nats-server's JSON names (spec/jetstream.md §2.2). As a
/// request it holds what the client sent (zero meaning "default"); after
/// StreamConfigRules.Normalize it holds what 2.9.10 stores and echoes (-1 unlimited, 1 replica,
/// duplicate_window defaulted). Durations are nanoseconds on the wire.
internal sealed record StreamConfig
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("subjects")] public IReadOnlyList<string>? Subjects { get; init; }
    [JsonPropertyName("retention")] public RetentionPolicy Retention { get; init; }
    [JsonPropertyName("max_consumers")] public long MaxConsumers { get; init; }
    [JsonPropertyName("max_msgs")] public long MaxMsgs { get; init; }
    [JsonPropertyName("max_bytes")] public long MaxBytes { get; init; }
    [JsonPropertyName("max_age")] public long MaxAgeNanos { get; init; }
    [JsonPropertyName("max_msgs_per_subject")] public long MaxMsgsPerSubject { get; init; }
    [JsonPropertyName("max_msg_size")] public long MaxMsgSize { get; init; }
    [JsonPropertyName("discard")] public DiscardPolicy Discard { get; init; }
    [JsonPropertyName("discard_new_per_subject")] public bool DiscardNewPerSubject { get; init; }
    [JsonPropertyName("storage")] public StorageType Storage { get; init; }
    /// A Go int (64 bits): 2147483648 is "too many replicas", not invalid JSON.
    [JsonPropertyName("num_replicas")] public long Replicas { get; init; }
    [JsonPropertyName("duplicate_window")] public long DuplicateWindowNanos { get; init; }
    [JsonPropertyName("allow_direct")] public bool AllowDirect { get; init; }
    [JsonPropertyName("mirror_direct")] public bool MirrorDirect { get; init; }
    [JsonPropertyName("sealed")] public bool Sealed { get; init; }
    [JsonPropertyName("deny_delete")] public bool DenyDelete { get; init; }
    [JsonPropertyName("deny_purge")] public bool DenyPurge { get; init; }
    [JsonPropertyName("allow_rollup_hdrs")] public bool AllowRollup { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<RetentionPolicy>))]
internal enum RetentionPolicy
{
    [JsonStringEnumMemberName("limits")] Limits,
    [JsonStringEnumMemberName("interest")] Interest,
    [JsonStringEnumMemberName("workqueue")] WorkQueue,
}

[JsonConverter(typeof(JsonStringEnumConverter<DiscardPolicy>))]
internal enum DiscardPolicy
{
    [JsonStringEnumMemberName("old")] Old,
    [JsonStringEnumMemberName("new")] New,
}

[JsonConverter(typeof(JsonStringEnumConverter<StorageType>))]
internal enum StorageType
{
    [JsonStringEnumMemberName("file")] File,
    [JsonStringEnumMemberName("memory")] Memory,
}
