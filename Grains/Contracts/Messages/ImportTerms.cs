using Natrium.Contracts.Accounts;

namespace Natrium.Contracts.Messages;

/// An import the exporter allowed, with the terms of the export that allows it: how its
/// service answers (spec/accounts.md §5). Streams ignore them.
[GenerateSerializer, Immutable, Alias("natrium.import-terms")]
public sealed record ImportTerms(
    [property: Id(0)] ResponseType ResponseType,
    [property: Id(1)] TimeSpan ResponseThreshold)
{
    /// When the activation token that admits it expires; the import ends then (spec/jwt.md §9).
    [Id(2)] public DateTimeOffset? Expires { get; init; }
}
