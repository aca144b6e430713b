using Natrium.Contracts.Accounts;

namespace Natrium.Contracts.Messages;

/// An account's exports as one immutable message.
[GenerateSerializer, Immutable, Alias("natrium.account-export-list")]
public sealed record AccountExportList([property: Id(0)] IReadOnlyList<AccountExport> Exports);
