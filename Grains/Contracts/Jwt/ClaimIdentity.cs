using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// The few payload fields read before the claim type is known (Go's identifier): a top-level
/// `type` marks a v1 token; `nats.type` and `nats.version` select and gate the v2 type.
internal sealed record ClaimIdentity
{
    [JsonPropertyName("type")]
    public string? V1Type { get; init; }

    [JsonPropertyName("nats")]
    public NatsIdentity? Nats { get; init; }

    internal sealed record NatsIdentity
    {
        [JsonPropertyName("type")]
        public string? Type { get; init; }

        [JsonPropertyName("version")]
        public int Version { get; init; }
    }
}
