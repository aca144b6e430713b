using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// The fields every `nats` object ends with (Go GenericFields). Each body writes `type` first
/// (order -1), its own fields, then `tags` and `version`, the order of spec/jwt.md's vector.
/// System.Text.Json writes derived properties before base ones at equal order, hence the orders.
public abstract record NatsFields
{
    /// Optional lower-case tags.
    [JsonPropertyName("tags"), JsonPropertyOrder(NatsOrder.Tags)]
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// Always 2: the decoder rejects every other version, the encoder writes 2.
    [JsonPropertyName("version"), JsonPropertyOrder(NatsOrder.Version)]
    public int Version => NatsOrder.LibraryVersion;
}
