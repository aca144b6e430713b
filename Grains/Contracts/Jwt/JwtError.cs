namespace Natrium.Contracts.Jwt;

/// Why a token did not decode, in the order the decoder checks (Go jwt.Decode's order).
public enum JwtError
{
    None,

    /// Over JwtDecoder.MaxTokenSize characters.
    TooLarge,

    /// Not header.payload.signature.
    ChunkCount,

    /// A chunk is not base64url without padding.
    Base64,

    /// Header JSON unreadable, typ not JWT, or alg not ed25519-nkey.
    Header,

    /// A v1 token: alg ed25519, a top-level `type`, or nats.version missing or below 2.
    VersionOne,

    /// nats.version above 2.
    NewerVersion,

    /// Payload JSON unreadable or not matching the claim type's shape.
    Payload,

    /// nats.type is not the requested claim type.
    ClaimType,

    /// The signature is not the issuer's over header.payload.
    Signature,

    /// The issuer's role may not issue this claim type (spec/jwt.md §1).
    IssuerRole,
}
