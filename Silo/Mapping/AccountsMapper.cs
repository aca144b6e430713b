using Natrium.Contracts.Accounts;
using Natrium.Contracts.Security;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// The `accounts { }` block (spec/accounts.md §2): each account's users (with the account's
/// default_permissions) join the one users list, bound to that account. Exports, imports,
/// mappings, limits and JetStream are read here; what Natrium does not implement is refused, so
/// a file that relies on it never runs with different isolation than it asks for.
internal static class AccountsMapper
{
    public static (List<UserConfig> Users, Dictionary<string, AccountLimits> Limits, List<AccountConfig> Accounts) Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var users = new List<UserConfig>();
        var limits = new Dictionary<string, AccountLimits>(StringComparer.Ordinal);
        var accounts = new List<AccountConfig>();
        switch (entry.Value)
        {
            case ConfArray names:
                // Short form: accounts: [A, B] declares accounts with no users.
                foreach (var item in names.Items)
                {
                    if (item is ConfString name)
                    {
                        accounts.Add(new AccountConfig(name.Value, [], [], [], false));
                    }
                    else
                    {
                        diagnostics.Error(item.Position, $"{entry.Key}: expected an account name, got {item.Kind}");
                    }
                }

                break;
            case ConfMap map:
                foreach (var account in map.Entries)
                {
                    if (MapAccount(account, users, limits, diagnostics) is { } config)
                    {
                        accounts.Add(config);
                    }
                }

                break;
            default:
                diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map of accounts, got {entry.Value.Kind}");
                break;
        }

        return (users, limits, accounts);
    }

    private static AccountConfig? MapAccount(ConfEntry account, List<UserConfig> users, Dictionary<string, AccountLimits> limits, ConfDiagnostics diagnostics)
    {
        if (account.Key is "$G")
        {
            diagnostics.Error(account.KeyPosition, "\"$G\" is a Reserved Account");
            return null;
        }

        if (account.Value is not ConfMap block)
        {
            diagnostics.Error(account.Value.Position, $"account {account.Key}: expected a map, got {account.Value.Kind}");
            return null;
        }

        PermissionsConfig? defaults = null;
        ConfEntry? userList = null;
        var config = new AccountConfig(account.Key, [], [], [], false);
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
                case "limits":
                    limits[account.Key] = Limits(e, diagnostics);
                    break;
                case "exports":
                    config = config with { Exports = ExportsImportsMapper.Exports(e, diagnostics) };
                    break;
                case "imports":
                    config = config with { Imports = ExportsImportsMapper.Imports(e, diagnostics) };
                    break;
                case "mappings" or "maps":
                    config = config with { Mappings = MappingsMapper.Map(e, diagnostics) };
                    break;
                case "jetstream":
                    var jetStream = AccountJetStreamMapper.Map(e, diagnostics, out var storeKeys);
                    config = config with { JetStream = jetStream is not null, JetStreamLimits = jetStream, StoreKeys = storeKeys };
                    break;
                case "msg_trace" or "trace_dest":
                    Refuse(e, diagnostics);
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

        return config;
    }

    /// Mapped into typed options for the features to come, but refused until they exist.
    private static void Refuse(ConfEntry e, ConfDiagnostics diagnostics) =>
        diagnostics.Error(e.KeyPosition, $"field \"{e.Key}\" is not supported by Natrium yet; refusing to run without it");

    /// limits { max_connections, max_subscriptions, max_payload, max_leafnodes }.
    private static AccountLimits Limits(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var limits = AccountLimits.None;
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map, got {entry.Value.Kind}");
            return limits;
        }

        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "max_connections" or "max_conn":
                    limits = limits with { MaxConnections = ConfReading.Int32(e, diagnostics, 0) };
                    break;
                case "max_subscriptions" or "max_subs":
                    limits = limits with { MaxSubscriptions = ConfReading.Int32(e, diagnostics, 0) };
                    break;
                case "max_payload" or "max_pay":
                    limits = limits with { MaxPayload = ConfReading.Int32(e, diagnostics, 0) };
                    break;
                case "max_leafnodes" or "max_leafs":
                    // Natrium has no leaf nodes, so this limit can never be reached.
                    ConfReading.Int32(e, diagnostics);
                    break;
                default:
                    diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                    break;
            }
        }

        return limits;
    }
}
