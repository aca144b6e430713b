using Natrium.Contracts.Accounts;

namespace Natrium.Gateway.Routing;

/// What a config reload has to tell the account grains, found by comparing the new accounts with
/// what this gateway last applied: exports go to the grains whose exports changed, and an account
/// is served again when its imports changed or an account it imports from changed its exports
/// (its service imports are authorized again; stream grants follow the exporter's grain by
/// themselves). A reload that leaves the accounts as they were makes no grain call, where every
/// reload used to make about four per configured account, on every node.
internal static class AccountRewiring
{
    public sealed record Plan(AccountConfig[] SetExports, AccountConfig[] Serve, string[] Withdraw);

    /// applied: the exports each account's grain was last given here (none at start);
    /// served: the configuration each served account was last served with.
    public static Plan For(
        IReadOnlyList<AccountConfig> accounts,
        IReadOnlyDictionary<string, IReadOnlyList<AccountExport>> applied,
        IReadOnlyDictionary<string, AccountConfig> served)
    {
        var setExports = accounts
            .Where(a => !applied.TryGetValue(a.Name, out var exports) || !exports.SequenceEqual(a.Exports))
            .ToArray();
        var exportsChanged = setExports.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var serve = accounts
            .Where(a => !served.TryGetValue(a.Name, out var before)
                || !before.Imports.SequenceEqual(a.Imports)
                || a.Imports.Any(i => exportsChanged.Contains(i.Account)))
            .ToArray();
        var names = accounts.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var withdraw = served.Keys.Where(name => !names.Contains(name)).ToArray();
        return new Plan(setExports, serve, withdraw);
    }
}
