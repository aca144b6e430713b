using Natrium.Contracts.Security;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// `users: [ { user, password, nkey, permissions, allowed_connection_types } ]` of the
/// authorization block or of an account (spec/auth.md §5).
internal static class UsersMapper
{
    public static List<UserConfig> Map(ConfEntry entry, string account, PermissionsConfig? defaults, ConfDiagnostics diagnostics)
    {
        var users = new List<UserConfig>();
        if (entry.Value is not ConfArray array)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected an array of users, got {entry.Value.Kind}");
            return users;
        }

        foreach (var item in array.Items)
        {
            if (item is not ConfMap map)
            {
                diagnostics.Error(item.Position, $"{entry.Key}: expected a user map, got {item.Kind}");
                continue;
            }

            users.Add(MapUser(map, account, defaults, diagnostics));
        }

        return users;
    }

    private static UserConfig MapUser(ConfMap map, string account, PermissionsConfig? defaults, ConfDiagnostics diagnostics)
    {
        string? name = null, password = null, nkey = null;
        PermissionsConfig? permissions = null;
        IReadOnlyList<string> types = [];
        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "user" or "username":
                    name = ConfReading.String(e, diagnostics);
                    break;
                case "password" or "pass":
                    password = ConfReading.String(e, diagnostics);
                    break;
                case "nkey":
                    nkey = ConfReading.String(e, diagnostics);
                    break;
                case "permissions" or "permission" or "authorization":
                    permissions = PermissionsMapper.Map(e, diagnostics);
                    break;
                case "allowed_connection_types" or "connection_types" or "clients":
                    types = ConnectionTypes(e, diagnostics);
                    break;
                default:
                    if (!e.UsedAsVariable)
                    {
                        diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                    }

                    break;
            }
        }

        if (name is null && nkey is null)
        {
            diagnostics.Error(map.Position, "User entry requires a user");
        }

        return new UserConfig(name, password, nkey, account, permissions ?? defaults, types);
    }

    private static readonly HashSet<string> KnownConnectionTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "STANDARD", "WEBSOCKET", "LEAFNODE", "LEAFNODE_WS", "MQTT", "MQTT_WS", "IN_PROCESS",
    };

    private static List<string> ConnectionTypes(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var types = new List<string>();
        var items = entry.Value is ConfArray a ? a.Items : [entry.Value];
        foreach (var item in items)
        {
            if (item is ConfString { Value: var t } && KnownConnectionTypes.Contains(t))
            {
                types.Add(t.ToUpperInvariant());
            }
            else
            {
                diagnostics.Error(item.Position, $"unknown connection type \"{(item as ConfString)?.Value ?? item.Kind}\"");
            }
        }

        return types;
    }
}
