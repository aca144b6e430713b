using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// One entry of an account's `imports` (Go Import), fields in Go's order.
public sealed record Import
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// The exporter's subject.
    [JsonPropertyName("subject")]
    public string? Subject { get; init; }

    /// The exporting account's public key.
    [JsonPropertyName("account")]
    public string? Account { get; init; }

    /// Activation token (an ActivationClaims JWT) for a private export.
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    /// Deprecated form of LocalSubject.
    [JsonPropertyName("to")]
    public string? To { get; init; }

    /// Subject in the importing account; may use $1… references to wildcards of Subject.
    [JsonPropertyName("local_subject")]
    public string? LocalSubject { get; init; }

    [JsonPropertyName("type")]
    public ExportType Type { get; init; }

    [JsonPropertyName("share")]
    public bool Share { get; init; }

    [JsonPropertyName("allow_trace")]
    public bool AllowTrace { get; init; }
}
