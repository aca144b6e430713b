using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// `client_tls` of an auth callout request (Go ClientTLS): PEM certificates, in VerifiedChains
/// when the chain was verified, else in Certs.
public sealed record CalloutClientTls
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("cipher")]
    public string? Cipher { get; init; }

    [JsonPropertyName("certs")]
    public IReadOnlyList<string> Certs { get; init; } = [];

    [JsonPropertyName("verified_chains")]
    public IReadOnlyList<IReadOnlyList<string>> VerifiedChains { get; init; } = [];
}
