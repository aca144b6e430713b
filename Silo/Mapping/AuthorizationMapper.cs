using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// The `authorization { … }` block (spec/auth.md §3–§5, §10): single token or user, the users
/// list with NKEY users, default permissions, the auth timeout and the auth callout. Users without permissions
/// of their own get the block's default_permissions here, once.
internal static class AuthorizationMapper
{
    public static AuthorizationConfig Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map, got {entry.Value.Kind}");
            return AuthorizationConfig.None;
        }

        var config = AuthorizationConfig.None;
        PermissionsConfig? defaults = null;
        ConfEntry? users = null;
        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "token":
                    config = config with { Token = ConfReading.String(e, diagnostics) };
                    break;
                case "user" or "username":
                    config = config with { User = ConfReading.String(e, diagnostics) };
                    break;
                case "password" or "pass":
                    config = config with { Password = ConfReading.String(e, diagnostics) };
                    break;
                case "timeout":
                    config = config with { Timeout = Timeout(e, diagnostics) };
                    break;
                case "default_permissions" or "default_permission" or "permissions":
                    defaults = PermissionsMapper.Map(e, diagnostics);
                    break;
                case "users":
                    users = e;
                    break;
                case "auth_callout" or "callout" or "auth_hook":
                    config = config with { Callout = AuthCalloutMapper.Map(e, diagnostics) };
                    break;
                default:
                    if (!e.UsedAsVariable)
                    {
                        diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                    }

                    break;
            }
        }

        var list = users is null ? [] : UsersMapper.Map(users, AccountNames.Global, defaults, diagnostics);
        return config with { Users = list, SingleUserPermissions = defaults };
    }

    /// Seconds as a number (float allowed) or a duration string.
    private static TimeSpan? Timeout(ConfEntry entry, ConfDiagnostics diagnostics) => entry.Value switch
    {
        ConfInteger i => TimeSpan.FromSeconds(i.Value),
        ConfFloat f => TimeSpan.FromSeconds(f.Value),
        _ => ConfReading.Duration(entry, diagnostics),
    };
}
