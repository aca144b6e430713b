using Natrium.Contracts.Jwt;
using Natrium.Contracts.Security;

namespace Natrium.Gateway.Auth.Jwt;

/// A JWT user let in (spec/jwt.md §7 step 12). Permissions null = everything allowed; limits null
/// = unlimited by user and account (the server's limits still apply). Expires is the earlier of
/// the user JWT's `exp` and the end of the current `times` window: the connection then gets
/// 'User Authentication Expired'. IssuerKey signed the user: with ViaSigningKey it must stay one
/// of the account's signing keys (and Scope unchanged) across account updates (JwtUserRecheck).
internal sealed record JwtUserGrant(
    string UserKey,
    string? Name,
    string AccountKey,
    string IssuerKey,
    long IssuedAt,
    PermissionsConfig? Permissions,
    int? MaxSubscriptions,
    int? MaxPayload,
    long? MaxData,
    DateTimeOffset? Expires,
    bool Bearer,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> AllowedConnectionTypes)
{
    /// The verified user claims, kept to recompute permissions and limits on account updates.
    public required UserClaims Claims { get; init; }

    /// The scoped signing key the user was issued by, as it was at login; null otherwise.
    public UserScope? Scope { get; init; }

    /// The user carries issuer_account: nats-server then re-checks its issuer on account updates.
    public bool ViaSigningKey => !string.IsNullOrEmpty(Claims.Nats.IssuerAccount);
}
