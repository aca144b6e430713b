namespace Natrium.Contracts.Accounts;

/// One entry of an account's `imports` (spec/accounts.md §2): what another account exports,
/// optionally renamed (`to`) or prefixed (streams).
[GenerateSerializer, Immutable, Alias("natrium.account-import")]
public sealed record AccountImport(
    [property: Id(0)] ExportKind Kind,
    [property: Id(1)] string Account,
    [property: Id(2)] string Subject,
    [property: Id(3)] string? To,
    [property: Id(4)] string? Prefix,
    [property: Id(5)] bool Share)
{
    /// JWT import `token`: the exporter's activation token for a private export.
    [Id(6)] public string? Token { get; init; }
}
