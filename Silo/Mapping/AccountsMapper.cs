using Natrium.Contracts.Security;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// The `accounts { }` block (spec/accounts.md §2): each account's users (with the account's
/// default_permissions) join the one users list, bound to that account. Exports, imports,
/// mappings, limits and JetStream are refused until Natrium implements them, so a file that
/// relies on them never runs with different isolation than it asks for.
internal static class AccountsMapper
{
    public static List<UserConfig> Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var users = new List<UserConfig>();
        switch (entry.Value)
        {
            case ConfArray names:
                // Short form: accounts: [A, B] declares accounts with no users.
                foreach (var item in names.Items)
                {
                    if (item is not ConfString)
                    {
                        diagnostics.Error(item.Position, $"{entry.Key}: expected an account name, got {item.Kind}");
                    }
                }

                break;
            case ConfMap map:
                foreach (var account in map.Entries)
                {
                    MapAccount(account, users, diagnostics);
                }

                break;
            default:
                diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map of accounts, got {entry.Value.Kind}");
                break;
        }

        return users;
    }

    private static void MapAccount(ConfEntry account, List<UserConfig> users, ConfDiagnostics diagnostics)
    {
        if (account.Key is "$G")
        {
            diagnostics.Error(account.KeyPosition, "\"$G\" is a Reserved Account");
            return;
        }

        if (account.Value is not ConfMap block)
        {
            diagnostics.Error(account.Value.Position, $"account {account.Key}: expected a map, got {account.Value.Kind}");
            return;
        }

        PermissionsConfig? defaults = null;
        ConfEntry? userList = null;
        foreach (var e in block.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "users":
                    userList = e;
                    break;
                case "default_permissions" or "default_permission":
                    defaults = PermissionsMapper.Map(e, diagnostics);
                    break;
                case "nkey":
                    ConfReading.String(e, diagnostics);
                    break;
                case "imports" or "exports" or "mappings" or "maps" or "limits" or "jetstream" or "msg_trace" or "trace_dest":
                    diagnostics.Error(e.KeyPosition, $"field \"{e.Key}\" is not supported by Natrium yet; refusing to run without it");
                    break;
                default:
                    if (!e.UsedAsVariable)
                    {
                        diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                    }

                    break;
            }
        }

        if (userList is not null)
        {
            users.AddRange(UsersMapper.Map(userList, account.Key, defaults, diagnostics));
        }
    }
}
