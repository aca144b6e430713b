using Natrium.Contracts.Accounts;
using Natrium.Gateway.Routing;

namespace Natrium.Tests.Unit.Routing;

/// What a config reload re-wires: only accounts whose exports or imports changed, and the
/// importers of an account whose exports changed. Every config is built afresh, as the parser
/// reads the file again on a reload (new lists, equal contents).
public sealed class AccountRewiringTests
{
    private static AccountConfig[] Accounts(string? exportsTo = null, string importSubject = "svc.>") =>
    [
        new("A", [Export(ExportKind.Service, "svc.>", exportsTo)], [], [], false),
        new("B", [], [new AccountImport(ExportKind.Service, "A", importSubject, null, null, false)], [], false),
        new("C", [Export(ExportKind.Stream, "news.>", null)], [], [], false),
    ];

    private static AccountExport Export(ExportKind kind, string subject, string? onlyTo) =>
        new(kind, subject, onlyTo is null ? null : new List<string> { onlyTo }, ResponseType.Singleton, AccountExport.DefaultResponseThreshold, null);

    /// The state after applying a plan in full, as GatewayNode does.
    private static (Dictionary<string, IReadOnlyList<AccountExport>> Applied, Dictionary<string, AccountConfig> Served) Applied(AccountConfig[] accounts) =>
        (accounts.ToDictionary(a => a.Name, a => a.Exports), accounts.ToDictionary(a => a.Name));

    private static string[] Names(IEnumerable<AccountConfig> accounts) => [.. accounts.Select(a => a.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void At_start_every_account_gets_its_exports_and_is_served()
    {
        var plan = AccountRewiring.For(Accounts(), new Dictionary<string, IReadOnlyList<AccountExport>>(), new Dictionary<string, AccountConfig>());
        Assert.Equal(["A", "B", "C"], Names(plan.SetExports));
        Assert.Equal(["A", "B", "C"], Names(plan.Serve));
        Assert.Empty(plan.Withdraw);
    }

    [Fact]
    public void The_same_accounts_read_again_need_no_grain_call()
    {
        var (applied, served) = Applied(Accounts());
        var plan = AccountRewiring.For(Accounts(), applied, served);
        Assert.Empty(plan.SetExports);
        Assert.Empty(plan.Serve);
        Assert.Empty(plan.Withdraw);
    }

    [Fact]
    public void Exporter_whose_export_list_of_accounts_changed_is_told_and_its_importers_served_again()
    {
        var (applied, served) = Applied(Accounts(exportsTo: "B"));
        var plan = AccountRewiring.For(Accounts(exportsTo: "C"), applied, served);
        Assert.Equal(["A"], Names(plan.SetExports));
        Assert.Equal(["B"], Names(plan.Serve));

        // Opening the export to everyone is a change too.
        plan = AccountRewiring.For(Accounts(), applied, served);
        Assert.Equal(["A"], Names(plan.SetExports));
        Assert.Equal(["B"], Names(plan.Serve));
    }

    [Fact]
    public void Exports_compare_by_their_contents_revocations_included()
    {
        AccountExport Revoking(long at) => Export(ExportKind.Stream, "news.>", "B") with { Revocations = new Dictionary<string, long> { ["B"] = at } };
        Assert.Equal(Revoking(100), Revoking(100));
        Assert.Equal(Revoking(100).GetHashCode(), Revoking(100).GetHashCode());
        Assert.NotEqual(Revoking(100), Revoking(200));
        Assert.NotEqual(Export(ExportKind.Stream, "news.>", null), Export(ExportKind.Stream, "news.>", "B"));
    }

    [Fact]
    public void Importer_whose_imports_changed_is_served_again_and_no_exports_are_sent()
    {
        var (applied, served) = Applied(Accounts());
        var plan = AccountRewiring.For(Accounts(importSubject: "svc.orders"), applied, served);
        Assert.Empty(plan.SetExports);
        Assert.Equal(["B"], Names(plan.Serve));
    }

    [Fact]
    public void Removed_account_is_withdrawn_and_an_added_one_wired()
    {
        var (applied, served) = Applied(Accounts());
        AccountConfig[] next = [.. Accounts().Where(a => a.Name != "C"), new("D", [], [], [], false)];
        var plan = AccountRewiring.For(next, applied, served);
        Assert.Equal(["C"], plan.Withdraw);
        Assert.Equal(["D"], Names(plan.SetExports));
        Assert.Equal(["D"], Names(plan.Serve));
    }
}
