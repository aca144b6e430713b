namespace Natrium.Gateway.Auth.Jwt;

/// What an account update (or the account's expiry) means for a connected JWT user
/// (spec/jwt.md §9; nats-server updateAccountClaimsWithRefresh).
internal enum JwtRecheckOutcome
{
    /// Stays, with the grant recomputed from the new account (permissions, limits).
    StillValid,

    /// revocations[user] or ["*"] now ≥ its iat.
    Revoked,

    /// The signing key that issued the user is gone, or its scope changed: closed without an
    /// -ERR, reason Authentication Failure.
    IssuerInvalid,

    /// A bearer user and the account now sets disallow_bearer.
    BearerDisallowed,

    AccountExpired,
}

internal static class JwtRecheckOutcomeExtensions
{
    public static JwtClientError ClientError(this JwtRecheckOutcome outcome) => outcome switch
    {
        JwtRecheckOutcome.Revoked => JwtClientError.UserAuthenticationRevoked,
        JwtRecheckOutcome.BearerDisallowed => JwtClientError.AuthorizationViolation,
        JwtRecheckOutcome.AccountExpired => JwtClientError.AccountAuthenticationExpired,
        _ => JwtClientError.None,
    };
}
