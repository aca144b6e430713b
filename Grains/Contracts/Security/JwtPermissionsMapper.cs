using Natrium.Contracts.Jwt;

namespace Natrium.Contracts.Security;

/// JWT permissions (a user's `pub`/`sub`/`resp`, an account's `default_permissions`, a scope
/// template) in the shape config mode uses (nats-server buildPermissionsFromJwt).
public static class JwtPermissionsMapper
{
    /// Null when nothing is set, so the caller can fall back to the account's defaults. Empty
    /// lists become null (not set). `resp` 0 values take the defaults (1 message, 2 minutes), as
    /// nats-server's validateResponsePermissions does; `ttl` is nanoseconds. A `resp` without a
    /// publish allow list leaves Publish.Allow unset here: ClientPermissions installs the empty
    /// allow list that lets only replies through (spec/authorization.md §3).
    public static PermissionsConfig? ToConfig(Permission pub, Permission sub, JwtResponsePermission? resp)
    {
        ArgumentNullException.ThrowIfNull(pub);
        ArgumentNullException.ThrowIfNull(sub);
        var publish = ToSubjectPermission(pub);
        var subscribe = ToSubjectPermission(sub);
        var responses = resp is null ? null : ToResponsePermission(resp);
        return publish is null && subscribe is null && responses is null
            ? null
            : new PermissionsConfig(publish, subscribe, responses);
    }

    public static PermissionsConfig? ToConfig(JwtPermissions permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return ToConfig(permissions.Pub, permissions.Sub, permissions.Resp);
    }

    public static PermissionsConfig? ToConfig(UserPermissionLimits user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ToConfig(user.Pub, user.Sub, user.Resp);
    }

    public static ResponsePermission ToResponsePermission(JwtResponsePermission resp)
    {
        ArgumentNullException.ThrowIfNull(resp);
        var max = resp.Max == 0 ? ResponsePermission.DefaultMaxMessages : resp.Max;
        var expires = resp.Ttl switch
        {
            0 => ResponsePermission.DefaultExpires,

            // Keep the sign when nanoseconds round to zero ticks: negative means unlimited.
            < 0 => TimeSpan.FromTicks(Math.Min(-1, resp.Ttl / TimeSpan.NanosecondsPerTick)),
            _ => TimeSpan.FromTicks(Math.Max(1, resp.Ttl / TimeSpan.NanosecondsPerTick)),
        };
        return new ResponsePermission(max, expires);
    }

    private static SubjectPermission? ToSubjectPermission(Permission permission) =>
        permission.IsEmpty
            ? null
            : new SubjectPermission(
                permission.Allow.Count > 0 ? [.. permission.Allow] : null,
                permission.Deny.Count > 0 ? [.. permission.Deny] : null);
}
