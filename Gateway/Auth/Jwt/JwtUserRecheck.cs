using System.Text.Json;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;

namespace Natrium.Gateway.Auth.Jwt;

/// Re-checks a live JWT connection after its account JWT was replaced, or when the account's
/// `exp` passes (spec/jwt.md §9). Order as nats-server: expiry, bearer, revocation, then the
/// issuing signing key. Limits and permissions are recomputed against the new account; the
/// user's own `exp` and connect window (grant.Expires) are not re-evaluated here.
internal static class JwtUserRecheck
{
    public static JwtRecheckResult Recheck(JwtUserGrant grant, JwtAccount account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(account);
        if (account.PublicKey != grant.AccountKey)
        {
            return JwtRecheckResult.Close(JwtRecheckOutcome.IssuerInvalid);
        }

        if (account.Expires is { } expires && expires <= now)
        {
            return JwtRecheckResult.Close(JwtRecheckOutcome.AccountExpired);
        }

        if (grant.Bearer && account.DisallowBearer)
        {
            return JwtRecheckResult.Close(JwtRecheckOutcome.BearerDisallowed);
        }

        if (ActivationToken.IsRevoked(account.Revocations, grant.UserKey, grant.IssuedAt))
        {
            return JwtRecheckResult.Close(JwtRecheckOutcome.Revoked);
        }

        // nats-server only re-checks users that carry issuer_account (NkeyUser.SigningKey): the
        // key must still be a signing key of the account, with the same scope.
        var scope = grant.IssuerKey == account.PublicKey ? null : account.Scopes.GetValueOrDefault(grant.IssuerKey);
        if (grant.ViaSigningKey && (!account.UserIssuers.Contains(grant.IssuerKey) || !SameScope(grant.Scope, scope)))
        {
            return JwtRecheckResult.Close(JwtRecheckOutcome.IssuerInvalid);
        }

        // With the scope unchanged a template can still stop expanding (account name or tags
        // changed): the user can no longer be given permissions, so it goes like a changed scope.
        if (!JwtUserTerms.TryResolve(grant.Claims, account, scope, out var terms))
        {
            return JwtRecheckResult.Close(JwtRecheckOutcome.IssuerInvalid);
        }

        return new JwtRecheckResult(JwtRecheckOutcome.StillValid, grant with
        {
            Permissions = terms.Permissions,
            MaxSubscriptions = terms.MaxSubscriptions,
            MaxPayload = terms.MaxPayload,
            MaxData = terms.MaxData,
        });
    }

    /// Deep equality, as nats-server's reflect.DeepEqual of the scopes: records holding lists
    /// compare those by reference, so compare what the JWT says instead.
    private static bool SameScope(UserScope? before, UserScope? after) =>
        (before is null && after is null) ||
        (before is not null && after is not null &&
            JsonSerializer.Serialize(before, JwtJson.Options) == JsonSerializer.Serialize(after, JwtJson.Options));
}
