using Natrium.Contracts.Jwt;
using Natrium.Contracts.Security;

namespace Natrium.Contracts.Accounts;

/// An account JWT verified as issued by a trusted operator key, compiled into what the server
/// uses (spec/jwt.md §4): who may issue its users, its limits and default permissions, and its
/// exports, imports and mappings in the shape config mode uses, so both modes share one code
/// path. Immutable; a claims update replaces it whole.
public sealed record JwtAccount
{
    /// The account's A… key, which is also its name for routing.
    public required string PublicKey { get; init; }

    /// The JWT as issued (answers CLAIMS.LOOKUP, persisted by the resolver).
    public required string Jwt { get; init; }

    public required AccountClaims Claims { get; init; }

    /// `iat`: a pushed JWT older than the stored one is refused.
    public long IssuedAt => Claims.IssuedAt;

    /// `exp`; null = never.
    public DateTimeOffset? Expires { get; init; }

    /// Keys that may sign users: the account key itself and every signing key, plain or scoped.
    public required IReadOnlySet<string> UserIssuers { get; init; }

    /// Scoped signing keys by key: users they sign take the scope's template (spec/jwt.md §6).
    public required IReadOnlyDictionary<string, UserScope> Scopes { get; init; }

    /// User key (or "*") → Unix seconds: users issued at or before are revoked.
    public required IReadOnlyDictionary<string, long> Revocations { get; init; }

    /// `default_permissions`, for users without their own; null when empty.
    public PermissionsConfig? DefaultPermissions { get; init; }

    /// conn (cluster-wide), subs and payload; null members are unlimited.
    public required AccountLimits Limits { get; init; }

    /// `limits.data` in bytes; null = unlimited.
    public long? MaxData { get; init; }

    public bool DisallowBearer { get; init; }

    /// Exports, imports (with activation tokens), mappings and JetStream, named by PublicKey.
    public required AccountConfig Config { get; init; }

    public IReadOnlyList<string> Tags => Claims.Nats.Tags;
}
