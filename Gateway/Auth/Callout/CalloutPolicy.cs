using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Auth.Callout;

/// Which config-mode logins go to the callout service (spec/auth_callout.md §2; nats-server
/// auth.go processClientOrLeafAuthentication): the local result is computed first, then every
/// client that is not an auth user is called out, unless it logged in as a configured user of an
/// account outside a non-empty allowed_accounts. With local_first (Natrium's authentication
/// chain) a successful local login also stands.
internal static class CalloutPolicy
{
    public const string RedactedToken = "[REDACTED]";

    public static bool Applies(AuthCalloutConfig callout, AuthResult local, ConnectOptions? connect)
    {
        if (callout.LocalFirst && local.Succeeded)
        {
            return false;
        }

        var account = local.Succeeded && local.User is { } user ? user.Account : AccountNames.Global;
        if (account != AccountNames.Global && callout.AllowedAccounts.Count > 0 && !callout.AllowedAccounts.Contains(account))
        {
            return false;
        }

        // As nats-server, the auth-user check is on the user the client claimed: its local
        // result (checked password or signature) then decides alone.
        return RawUser(connect) is not { } raw || !callout.AuthUsers.Contains(raw);
    }

    /// nats-server getRawAuthUser: the CONNECT nkey, else user, else (JWT) its subject, else a
    /// token shown as [REDACTED]; null when none was sent.
    public static string? RawUser(ConnectOptions? connect, string? jwtSubject = null) => connect switch
    {
        { Nkey: { Length: > 0 } nkey } => nkey,
        { User: { Length: > 0 } user } => user,
        { Jwt: { Length: > 0 } } => jwtSubject,
        { AuthToken: { Length: > 0 } } => RedactedToken,
        _ => null,
    };
}
