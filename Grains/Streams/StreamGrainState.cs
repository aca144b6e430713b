using Natrium.Contracts.JetStream;

namespace Natrium.Grains.Streams;

/// What a stream's grain persists (file streams only; memory streams live and die with the
/// grain, as with nats-server): the config as echoed (JSON), when it was created, the account
/// limits it last heard, and its durable consumers. Consumer positions are blobs in the
/// stream's own storage, named by the consumer's number, so no name reaches a file name.
[GenerateSerializer, Alias("natrium.stream-grain-state")]
internal sealed class StreamGrainState
{
    [Id(0)] public byte[]? ConfigJson { get; set; }
    [Id(1)] public long CreatedNanos { get; set; }
    [Id(2)] public JetStreamAccountLimits? Limits { get; set; }
    [Id(3)] public Dictionary<string, ConsumerEntry> Consumers { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public long NextConsumerNumber { get; set; } = 1;
}

/// A durable consumer: its config (JSON, as echoed), created time and number.
[GenerateSerializer, Immutable, Alias("natrium.stream-consumer-entry")]
internal sealed record ConsumerEntry(
    [property: Id(0)] byte[] ConfigJson,
    [property: Id(1)] long CreatedNanos,
    [property: Id(2)] long Number);
