using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;

namespace Natrium.Gateway.Auth.Callout;

/// Operator mode (spec/auth_callout.md §4; nats-server processClientOrLeafCallout): an answer in
/// clear must be signed by the callout account or one of its signing keys; the user goes to
/// `issuer_account`, else `iss`, which must be the callout account or be allowed by its
/// allowed_accounts ("*": any); that account's JWT must know the user's issuer (a scoped key's
/// template then replaces the user's permissions, which must be empty), must not have expired,
/// and must not revoke the user.
/// Stricter than nats-server: there, an answer whose issuer_account names the callout account
/// passes whatever key signed it; here the signer itself must be one of the account's keys.
internal static class OperatorCalloutPlacement
{
    public static async Task<CalloutVerdict> PlaceAsync(
        CalloutVerdict read,
        AuthorizationResponseClaims? response,
        bool sealedAnswer,
        JwtAccount callout,
        Func<string, Task<JwtAccount?>> lookup,
        DateTimeOffset now)
    {
        if (!read.Succeeded || response is null)
        {
            return read;
        }

        // A sealed answer proved itself by opening with the configured service key.
        if (!sealedAnswer && (!callout.UserIssuers.Contains(response.Issuer)
            || (!string.IsNullOrEmpty(response.Nats.IssuerAccount) && response.Nats.IssuerAccount != callout.PublicKey)))
        {
            return CalloutVerdict.Fail(CalloutFailureReason.ResponseUnknownSigner);
        }

        var user = read.User;
        var target = string.IsNullOrEmpty(user.Nats.IssuerAccount) ? user.Issuer : user.Nats.IssuerAccount;
        var allowed = callout.Claims.Nats.Authorization.AllowedAccounts;
        if (target != callout.PublicKey && !allowed.Contains(ExternalAuthorization.AnyAccount) && !allowed.Contains(target))
        {
            return CalloutVerdict.Fail(CalloutFailureReason.AccountNotAllowed);
        }

        var account = target == callout.PublicKey ? callout : await lookup(target);
        if (account is null || account.Expires is { } expires && expires <= now)
        {
            return CalloutVerdict.Fail(CalloutFailureReason.UnknownAccount);
        }

        if (!account.UserIssuers.Contains(user.Issuer))
        {
            return CalloutVerdict.Fail(CalloutFailureReason.UserUnknownIssuer);
        }

        var scope = user.Issuer == account.PublicKey ? null : account.Scopes.GetValueOrDefault(user.Issuer);
        if (scope is not null && !user.Nats.HasNoPermissionsOrLimits)
        {
            return CalloutVerdict.Fail(CalloutFailureReason.UserScopedWithPermissions);
        }

        if (ActivationToken.IsRevoked(account.Revocations, user.Subject, user.IssuedAt))
        {
            return CalloutVerdict.Fail(CalloutFailureReason.UserRevoked);
        }

        return CalloutVerdict.Allow(user, account.PublicKey) with { TargetAccount = account, Scope = scope };
    }
}
