namespace Natrium.Contracts.Messages;

/// The subjects an account's streams capture, as a whole; the version grows with each change
/// (starting from the clock, so a grain activated again still counts above what gateways saw).
[GenerateSerializer, Immutable, Alias("natrium.stream-subjects")]
public sealed record StreamSubjects(
    [property: Id(0)] long Version,
    [property: Id(1)] StreamSubjectEntry[] Streams);

[GenerateSerializer, Immutable, Alias("natrium.stream-subject-entry")]
public sealed record StreamSubjectEntry(
    [property: Id(0)] string Stream,
    [property: Id(1)] string[] Subjects);
