using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// One entry of an account's `exports` (Go Export), fields in Go's order.
public sealed record Export
{
    public const string SingletonResponse = "Singleton";
    public const string StreamResponse = "Stream";
    public const string ChunkedResponse = "Chunked";

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("subject")]
    public string? Subject { get; init; }

    [JsonPropertyName("type")]
    public ExportType Type { get; init; }

    /// Importers need an activation token.
    [JsonPropertyName("token_req")]
    public bool TokenRequired { get; init; }

    /// Importing account → Unix seconds: activations issued at or before are revoked.
    [JsonPropertyName("revocations")]
    public IReadOnlyDictionary<string, long> Revocations { get; init; } = new Dictionary<string, long>();

    /// Singleton, Stream or Chunked (services only).
    [JsonPropertyName("response_type")]
    public string? ResponseType { get; init; }

    /// Nanoseconds (a Go time.Duration).
    [JsonPropertyName("response_threshold")]
    public long ResponseThreshold { get; init; }

    [JsonPropertyName("service_latency")]
    public ServiceLatency? Latency { get; init; }

    /// 1-based token of the subject that must equal the importing account's key.
    [JsonPropertyName("account_token_position")]
    public uint AccountTokenPosition { get; init; }

    [JsonPropertyName("advertise")]
    public bool Advertise { get; init; }

    [JsonPropertyName("allow_trace")]
    public bool AllowTrace { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("info_url")]
    public string? InfoUrl { get; init; }
}
