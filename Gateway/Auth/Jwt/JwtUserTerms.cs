using System.Diagnostics.CodeAnalysis;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Security;

namespace Natrium.Gateway.Auth.Jwt;

/// What a user JWT grants under its account (spec/jwt.md §7 step 12): the user's own permissions
/// and limits, or a scoped signing key's expanded template; permissions falling back to the
/// account's default_permissions; subs/payload/data the smaller of the user's and the account's
/// (nats-server applyAccountLimits; the server's own limits are the caller's to apply).
internal sealed record JwtUserTerms(
    UserPermissionLimits Effective,
    PermissionsConfig? Permissions,
    int? MaxSubscriptions,
    int? MaxPayload,
    long? MaxData)
{
    /// scope: the scoped signing key the user was issued by, or null. False when the template
    /// cannot be expanded for this user (a deny entry, or too many subjects).
    public static bool TryResolve(UserClaims user, JwtAccount account, UserScope? scope, [NotNullWhen(true)] out JwtUserTerms? terms)
    {
        terms = null;
        UserPermissionLimits effective = user.Nats;
        if (scope is not null)
        {
            if (!ScopeTemplate.TryApply(scope.Template, user, account, out var expanded))
            {
                return false;
            }

            effective = expanded;
        }

        terms = new JwtUserTerms(
            effective,
            JwtPermissionsMapper.ToConfig(effective) ?? account.DefaultPermissions,
            JwtLimit.Min(JwtLimit.ToInt32(effective.Subs), account.Limits.MaxSubscriptions),
            JwtLimit.Min(JwtLimit.ToInt32(effective.Payload), account.Limits.MaxPayload),
            JwtLimit.Min(JwtLimit.ToInt64(effective.Data), account.MaxData));
        return true;
    }
}
