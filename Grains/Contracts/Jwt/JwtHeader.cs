using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// The JOSE header of a NATS JWT (spec/jwt.md §1; Go header.go).
internal sealed record JwtHeader
{
    public const string TokenType = "JWT";
    public const string Algorithm = "ed25519-nkey";
    public const string V1Algorithm = "ed25519";

    /// base64url of {"typ":"JWT","alg":"ed25519-nkey"}, the header of every token we write.
    public static string Encoded { get; } = JwtBase64.Encode("""{"typ":"JWT","alg":"ed25519-nkey"}"""u8);

    [JsonPropertyName("typ")]
    public string? Type { get; init; }

    [JsonPropertyName("alg")]
    public string? Alg { get; init; }
}
