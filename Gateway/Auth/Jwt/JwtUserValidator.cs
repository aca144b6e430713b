using System.Text;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Gateway.Auth.Jwt;

/// Step (b) of a JWT login: a decoded user (JwtUserDecoder) against its verified account
/// (JwtAccountCompiler), following spec/jwt.md §7 steps 6–12 in that order. nats-server 2.9.10
/// checks the connection type before looking up the account; the outcome is the same
/// Authorization Violation either way. Pinned accounts and the account's connection limit are
/// the caller's.
internal static class JwtUserValidator
{
    public static JwtLoginResult Validate(UserClaims user, JwtAccount account, JwtLoginContext context)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(context);
        var accountKey = string.IsNullOrEmpty(user.Nats.IssuerAccount) ? user.Issuer : user.Nats.IssuerAccount;
        if (account.PublicKey != accountKey)
        {
            return JwtLoginResult.Fail(AuthFailureReason.JwtAccountMismatch);
        }

        // 6. Issued by the account or one of its signing keys. A signing key needs issuer_account,
        // which the account key check above already enforced (without it the account is iss).
        if (!account.UserIssuers.Contains(user.Issuer))
        {
            return JwtLoginResult.Fail(AuthFailureReason.JwtUnknownIssuer);
        }

        var scope = user.Issuer == account.PublicKey ? null : account.Scopes.GetValueOrDefault(user.Issuer);
        if (scope is not null && !user.Nats.HasNoPermissionsOrLimits)
        {
            return JwtLoginResult.Fail(AuthFailureReason.JwtScopedUserHasPermissions);
        }

        if (!JwtUserTerms.TryResolve(user, account, scope, out var terms))
        {
            return JwtLoginResult.Fail(AuthFailureReason.JwtTemplateInvalid);
        }

        var effective = terms.Effective;
        if (Refusal(user, account, effective, context) is { } refusal)
        {
            return JwtLoginResult.Fail(refusal);
        }

        // 11b. Connect times; the window's end bounds the session like `exp` does.
        var times = ConnectTimes.Check(effective.Times, effective.TimesLocation, context.Now, context.LocalTimeZone);
        if (times.Status != ConnectTimesStatus.Allowed)
        {
            return JwtLoginResult.Fail(times.Status == ConnectTimesStatus.Outside ? AuthFailureReason.JwtOutsideTimes : AuthFailureReason.JwtTimesInvalid);
        }

        DateTimeOffset? expires = user.Expires == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(user.Expires);
        if (times.WindowEnd is { } windowEnd && (expires is null || windowEnd < expires))
        {
            expires = windowEnd;
        }

        // 12. The grant.
        return new JwtLoginResult(
            new JwtUserGrant(
                user.Subject, user.Name, account.PublicKey, user.Issuer, user.IssuedAt, terms.Permissions,
                terms.MaxSubscriptions, terms.MaxPayload, terms.MaxData, expires, effective.BearerToken,
                user.Nats.Tags, KnownConnectionTypes(effective.AllowedConnectionTypes))
            {
                Claims = user,
                Scope = scope,
            },
            null);
    }

    /// Steps 7–11a; null when none refuses.
    private static string? Refusal(UserClaims user, JwtAccount account, UserPermissionLimits effective, JwtLoginContext context)
    {
        // 7. nats-server marks an account expired once `exp <= now`.
        if (account.Expires is { } accountExpires && accountExpires <= context.Now)
        {
            return AuthFailureReason.JwtAccountExpired;
        }

        if (effective.BearerToken && account.DisallowBearer)
        {
            return AuthFailureReason.JwtBearerNotAllowed;
        }

        // 8. Unknown names are ignored, but a list of only unknown names admits nobody (it
        // meant some other kind of client).
        var types = KnownConnectionTypes(effective.AllowedConnectionTypes);
        if ((effective.AllowedConnectionTypes.Count > 0 && types.Count == 0) || !ConnectionTypes.Allows(types, context.ConnectionType))
        {
            return AuthFailureReason.JwtConnectionTypeNotAllowed;
        }

        // 9. The nonce signed by the user's key, unless bearer.
        if (!effective.BearerToken)
        {
            if (string.IsNullOrEmpty(context.Nonce))
            {
                return AuthFailureReason.JwtMissingNonce;
            }

            if (string.IsNullOrEmpty(context.Signature))
            {
                return AuthFailureReason.JwtMissingSignature;
            }

            if (!NKeySignature.Verify(user.Subject, Encoding.ASCII.GetBytes(context.Nonce), context.Signature))
            {
                return AuthFailureReason.JwtBadSignature;
            }
        }

        // 10. Revoked: revocations[user] or revocations["*"] at or after the user's iat.
        if (ActivationToken.IsRevoked(account.Revocations, user.Subject, user.IssuedAt))
        {
            return AuthFailureReason.JwtRevoked;
        }

        // 11a. Client address inside src.
        return SourceNetworks.Allows(effective.Src, context.ClientAddress) ? null : AuthFailureReason.JwtSourceNotAllowed;
    }

    /// Upper-cased, known names only (nats-server convertAllowedConnectionTypes).
    public static IReadOnlyList<string> KnownConnectionTypes(IReadOnlyList<string> names) =>
        [.. names.Select(static n => n.ToUpperInvariant()).Where(ConnectionTypes.Known.Contains).Distinct(StringComparer.Ordinal)];
}
