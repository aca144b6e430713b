namespace Natrium.Contracts.Accounts;

/// Outcome of JwtAccountCompiler.Verify, distinct so that callers can log (and the resolver can
/// answer) expired accounts apart from untrusted or broken ones.
public enum JwtAccountStatus
{
    Valid,

    /// Not an account JWT: bad encoding, bad signature, wrong claim type or issuer role.
    Malformed,

    /// `sub` is not an account (A…) key.
    NotAnAccountKey,

    /// Signed by the account itself: decodes, but a server never trusts it.
    SelfSigned,

    /// Signed by a key that is not one of the trusted operators' account signers.
    Untrusted,

    Expired,

    NotYetValid,

    /// Fails the validation nats-server runs on account JWTs (JwtAccountValidator).
    Invalid,
}
