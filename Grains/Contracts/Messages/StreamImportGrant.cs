namespace Natrium.Contracts.Messages;

/// A stream import the exporting account's grain has authorized: messages published in the
/// exporter on Subject are also delivered in Importer, renamed by To or Prefix
/// (spec/accounts.md §4). Gateways where the exporter's messages are published apply it.
[GenerateSerializer, Immutable, Alias("natrium.stream-import-grant")]
public sealed record StreamImportGrant(
    [property: Id(0)] string Importer,
    [property: Id(1)] string Subject,
    [property: Id(2)] string? To,
    [property: Id(3)] string? Prefix);
