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

    /// The method that decided: on failure, the one the attempt was checked against (None when
    /// nothing matched), so the audit trail can say what was tried.
    public AuthMethod Method { get; init; }

    public string? FailureReason { get; }

    /// Whether the secret checked was a configured bcrypt hash (success or failure).
    public bool Bcrypt { get; init; }

    /// On failure, whom the attempt named, only when the server knows that identity (a
    /// configured user name or nkey, a decoded user JWT's key and account): a name the server
    /// does not know may be a password typed into the wrong field, so it is never kept.
    public string? KnownUser { get; init; }

    public string? KnownUserNkey { get; init; }

    public string? KnownAccount { get; init; }

    /// The configured bcrypt hash the client's secret was checked against, if any: the
    /// connection keeps it so a reload that leaves the hash alone need not run bcrypt again.
    public string? VerifiedBcrypt { get; init; }

    /// Operator mode: what the user JWT grants, and the account it was checked against.
    public Jwt.JwtUserGrant? JwtGrant { get; init; }

    public Natrium.Contracts.Accounts.JwtAccount? JwtAccount { get; init; }

    public static AuthResult Success(UserConfig user, AuthMethod method, string? verifiedBcrypt = null) =>
        new(true, user, method, null) { VerifiedBcrypt = verifiedBcrypt, Bcrypt = verifiedBcrypt is not null };

    /// method: Callout for a user an operator-mode callout service issued.
    public static AuthResult Jwt(UserConfig user, Jwt.JwtUserGrant grant, Natrium.Contracts.Accounts.JwtAccount account, AuthMethod method = AuthMethod.Jwt) =>
        new(true, user, method, null) { JwtGrant = grant, JwtAccount = account };

    /// A user the auth callout service issued; config mode has no account JWT.
    public static AuthResult Callout(UserConfig user, Jwt.JwtUserGrant grant) =>
        new(true, user, AuthMethod.Callout, null) { JwtGrant = grant };

    public static AuthResult Failure(string reason) => new(false, null, AuthMethod.None, reason);

    /// A user JWT refused; its key and account once it decoded (both are public keys).
    public static AuthResult JwtFailure(string reason, string? userKey = null, string? accountKey = null) =>
        new(false, null, AuthMethod.Jwt, reason) { KnownUserNkey = userKey, KnownAccount = accountKey };

    /// A failure checked against a known method (and, if any, a configured user).
    public static AuthResult Failure(string reason, AuthMethod method, UserConfig? user = null, bool bcrypt = false) =>
        new(false, null, method, reason) { KnownUser = user?.Name, KnownUserNkey = user?.Nkey, KnownAccount = user?.Account, Bcrypt = bcrypt };
}
