namespace Natrium.Contracts.Accounts;

/// What an `accounts` entry declares besides users and limits: its exports, imports and
/// subject mappings, and whether JetStream is on for it.
[GenerateSerializer, Immutable, Alias("natrium.account-config")]
public sealed record AccountConfig(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<AccountExport> Exports,
    [property: Id(2)] IReadOnlyList<AccountImport> Imports,
    [property: Id(3)] IReadOnlyList<SubjectMapping> Mappings,
    [property: Id(4)] bool JetStream)
{
    /// `jetstream` of a configured account: its limits when enabled (spec/jetstream.md §9).
    [Id(5)] public JetStream.JetStreamAccountLimits? JetStreamLimits { get; init; }

    /// The account's own encryption-at-rest keys, read by the silo only: no [Id], so never
    /// serialized to a grain or another process.
    [field: NonSerialized]
    public JetStream.AccountStoreKeys? StoreKeys { get; init; }
}
