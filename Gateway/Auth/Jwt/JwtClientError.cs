namespace Natrium.Gateway.Auth.Jwt;

/// Which -ERR a JWT connection gets before it is closed (spec/jwt.md §9); the texts belong in
/// Protocol/ProtocolErrors. None: closed without an -ERR.
internal enum JwtClientError
{
    None,

    /// -ERR 'Authorization Violation' (closed reason Authentication Failure).
    AuthorizationViolation,

    /// -ERR 'User Authentication Revoked' (nats-server closed reason "Credentials Revoked").
    UserAuthenticationRevoked,

    /// -ERR 'User Authentication Expired': the grant's Expires passed (nats-server closed reason
    /// "Authentication Expired").
    UserAuthenticationExpired,

    /// -ERR 'Account Authentication Expired' (closed reason "Authentication Expired").
    AccountAuthenticationExpired,
}
