namespace Natrium.Grains.Streams.Accounts;

/// What an account's JetStream grain persists: its file streams, each with its normalized
/// config (JSON, the echo form) and creation time. Memory streams are not persisted: like
/// nats-server, a restart loses them with their messages.
[GenerateSerializer, Alias("natrium.jetstream-account-state")]
internal sealed class JetStreamAccountState
{
    [Id(0)] public Dictionary<string, StreamEntry> Streams { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Immutable, Alias("natrium.jetstream-stream-entry")]
internal sealed record StreamEntry([property: Id(0)] byte[] ConfigJson, [property: Id(1)] long CreatedNanos);
