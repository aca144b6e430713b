using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// `server_id` of an auth callout request (Go ServerID); name, host and id are always written.
public sealed record CalloutServerId
{
    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Name { get; init; } = "";

    [JsonPropertyName("host"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Host { get; init; } = "";

    /// The server's N… key; the response's `aud` must equal it.
    [JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Id { get; init; } = "";

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("cluster")]
    public string? Cluster { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// The server's X… curve key, only when requests are encrypted.
    [JsonPropertyName("xkey")]
    public string? XKey { get; init; }
}
