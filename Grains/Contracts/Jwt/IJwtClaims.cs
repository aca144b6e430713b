using Natrium.Contracts.Keys;

namespace Natrium.Contracts.Jwt;

/// What the encoder and decoder need to know about a claim type before they have an instance:
/// its `nats.type` and which NKEY roles may issue it (spec/jwt.md §1).
public interface IJwtClaims<TSelf>
    where TSelf : JwtClaims, IJwtClaims<TSelf>
{
    /// The expected `nats.type`; null accepts any type (generic claims).
    static abstract string? ClaimType { get; }

    /// Roles allowed as `iss`; empty allows any public key.
    static abstract IReadOnlyList<NKeyPrefix> IssuerRoles { get; }
}
