using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// `client_info` of an auth callout request (Go ClientInformation).
public sealed record CalloutClientInfo
{
    [JsonPropertyName("host")]
    public string? Host { get; init; }

    [JsonPropertyName("id")]
    public ulong Id { get; init; }

    /// Username, nkey, JWT subject, or "[REDACTED]" for a token.
    [JsonPropertyName("user")]
    public string? User { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    [JsonPropertyName("name_tag")]
    public string? NameTag { get; init; }

    /// "Client".
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    /// "nats", "websocket", "mqtt"...
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("mqtt_id")]
    public string? MqttId { get; init; }

    /// The INFO nonce, only when the client sent a signature.
    [JsonPropertyName("nonce")]
    public string? Nonce { get; init; }
}
