using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// `resp`: a responder may publish to reply subjects at most Max times within Ttl (Go
/// ResponsePermission; the Jwt prefix avoids a clash with Security.ResponsePermission). Go writes
/// both fields even when zero.
public sealed record JwtResponsePermission
{
    [JsonPropertyName("max"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int Max { get; init; }

    /// Nanoseconds (a Go time.Duration).
    [JsonPropertyName("ttl"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long Ttl { get; init; }
}
