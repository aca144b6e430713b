namespace Natrium.Contracts.Accounts;

/// One `mappings` entry (spec/accounts.md §6): a source subject and its destinations, each
/// with a weight in percent (a plain mapping is one destination at 100).
[GenerateSerializer, Immutable, Alias("natrium.subject-mapping")]
public sealed record SubjectMapping(
    [property: Id(0)] string Source,
    [property: Id(1)] IReadOnlyList<MappingDestination> Destinations);

[GenerateSerializer, Immutable, Alias("natrium.mapping-destination")]
public sealed record MappingDestination(
    [property: Id(0)] string Subject,
    [property: Id(1)] int Weight,
    [property: Id(2)] string? Cluster);
