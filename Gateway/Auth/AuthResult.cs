using Natrium.Contracts.Security;

namespace Natrium.Gateway.Auth;

/// Outcome of authenticating one connection. On failure the client only ever gets
/// 'Authorization Violation'; FailureReason is for the log and is always one of the fixed
/// AuthFailureReason texts, so it can never carry a secret or client-supplied text.
internal sealed class AuthResult
{
    private AuthResult(bool succeeded, UserConfig? user, AuthMethod method, string? failureReason)
    {
        Succeeded = succeeded;
        User = user;
        Method = method;
        FailureReason = failureReason;
    }

    public bool Succeeded { get; }

    /// The user the connection is bound to (account, permissions), with its password removed.
    /// Synthetic for no auth, the single token and the single user (account $G).
    public UserConfig? User { get; }

    public AuthMethod Method { get; }

    public string? FailureReason { get; }

    /// The configured bcrypt hash the client's secret was checked against, if any: the
    /// connection keeps it so a reload that leaves the hash alone need not run bcrypt again.
    public string? VerifiedBcrypt { get; init; }

    /// Operator mode: what the user JWT grants, and the account it was checked against.
    public Jwt.JwtUserGrant? JwtGrant { get; init; }

    public Natrium.Contracts.Accounts.JwtAccount? JwtAccount { get; init; }

    public static AuthResult Success(UserConfig user, AuthMethod method, string? verifiedBcrypt = null) =>
        new(true, user, method, null) { VerifiedBcrypt = verifiedBcrypt };

    public static AuthResult Jwt(UserConfig user, Jwt.JwtUserGrant grant, Natrium.Contracts.Accounts.JwtAccount account) =>
        new(true, user, AuthMethod.Jwt, null) { JwtGrant = grant, JwtAccount = account };

    /// A user the auth callout service issued; config mode has no account JWT.
    public static AuthResult Callout(UserConfig user, Jwt.JwtUserGrant grant) =>
        new(true, user, AuthMethod.Callout, null) { JwtGrant = grant };

    public static AuthResult Failure(string reason) => new(false, null, AuthMethod.None, reason);
}
