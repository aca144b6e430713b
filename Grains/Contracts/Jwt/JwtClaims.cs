using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// The standard claims every NATS JWT carries (spec/jwt.md §2; Go ClaimsData). Properties are in
/// Go's field order, which is the order they are written in; the derived type adds `nats` last.
/// Times are Unix seconds; 0 means not set.
public abstract record JwtClaims
{
    [JsonPropertyName("aud")]
    public string? Audience { get; init; }

    /// 0 = never expires.
    [JsonPropertyName("exp")]
    public long Expires { get; init; }

    /// Informational ID (JwtId); the encoder sets it, nobody verifies it.
    [JsonPropertyName("jti")]
    public string? Id { get; init; }

    [JsonPropertyName("iat")]
    public long IssuedAt { get; init; }

    /// The public NKEY whose signature the token carries; the encoder sets it.
    [JsonPropertyName("iss")]
    public string Issuer { get; init; } = "";

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("nbf")]
    public long NotBefore { get; init; }

    [JsonPropertyName("sub")]
    public string Subject { get; init; } = "";

    /// Exp/nbf against the caller's clock (Go ClaimsData.Validate): `now > exp` is expired,
    /// `now < nbf` not yet valid, compared in whole seconds. The decoder has no clock of its own.
    public JwtTimeStatus CheckTimes(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        if (Expires > 0 && seconds > Expires)
        {
            return JwtTimeStatus.Expired;
        }

        return NotBefore > 0 && seconds < NotBefore ? JwtTimeStatus.NotYetValid : JwtTimeStatus.Valid;
    }

    /// Lets a claim type normalise itself after decoding, as Go's loaders do.
    internal virtual JwtClaims AfterDecode() => this;
}
