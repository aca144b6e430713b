using System.Text.Json.Serialization;
using Natrium.Contracts.Keys;

namespace Natrium.Contracts.Jwt;

/// A user JWT (spec/jwt.md §6): `sub` is the user's U… key, `iss` its account or one of the
/// account's signing keys (then `nats.issuer_account` names the account).
public sealed record UserClaims : JwtClaims, IJwtClaims<UserClaims>
{
    public static string? ClaimType => JwtClaimType.User;

    public static IReadOnlyList<NKeyPrefix> IssuerRoles { get; } = [NKeyPrefix.Account];

    [JsonPropertyName("nats"), JsonPropertyOrder(1)]
    public UserNats Nats { get; init; } = new();
}

/// The `nats` object of a user JWT (Go User): permissions and limits, then issuer_account and the
/// common fields. Not derived from NatsFields because it extends UserPermissionLimits, as Go's
/// User embeds it.
public sealed record UserNats : UserPermissionLimits
{
    [JsonPropertyName("type"), JsonPropertyOrder(NatsOrder.Type)]
    public string Type => JwtClaimType.User;

    /// The account when `iss` is one of its signing keys.
    [JsonPropertyName("issuer_account"), JsonPropertyOrder(NatsOrder.AfterBase)]
    public string? IssuerAccount { get; init; }

    [JsonPropertyName("tags"), JsonPropertyOrder(NatsOrder.Tags)]
    public IReadOnlyList<string> Tags { get; init; } = [];

    [JsonPropertyName("version"), JsonPropertyOrder(NatsOrder.Version)]
    public int Version => NatsOrder.LibraryVersion;

    /// Unlimited subs, data and payload, the defaults nsc and Go's NewUserClaims start from.
    public static UserNats Unlimited { get; } = new() { Subs = NoLimit, Data = NoLimit, Payload = NoLimit };
}
