using System.Text.Json.Serialization;
using Natrium.Contracts.Keys;

namespace Natrium.Contracts.Jwt;

/// The auth callout service's answer (spec/auth_callout.md §4): `sub` = the request's user_nkey,
/// `aud` = the server id, `iss` = an account key.
public sealed record AuthorizationResponseClaims : JwtClaims, IJwtClaims<AuthorizationResponseClaims>
{
    public static string? ClaimType => JwtClaimType.AuthorizationResponse;

    public static IReadOnlyList<NKeyPrefix> IssuerRoles { get; } = [NKeyPrefix.Account];

    [JsonPropertyName("nats"), JsonPropertyOrder(1)]
    public AuthorizationResponseNats Nats { get; init; } = new();
}

/// Exactly one of Jwt (the user JWT granting access) or Error (why not) is set.
public sealed record AuthorizationResponseNats : NatsFields
{
    [JsonPropertyName("type"), JsonPropertyOrder(NatsOrder.Type)]
    public string Type => JwtClaimType.AuthorizationResponse;

    [JsonPropertyName("jwt")]
    public string? Jwt { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// The account when `iss` is one of its signing keys.
    [JsonPropertyName("issuer_account")]
    public string? IssuerAccount { get; init; }
}
