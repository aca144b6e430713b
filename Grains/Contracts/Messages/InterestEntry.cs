namespace Natrium.Contracts.Messages;

/// One gateway's interest in a subject (and queue group): the number of its local
/// subscriptions. Counts are absolute, so a newer entry replaces an older one and a
/// batch of them can be coalesced before sending. Count 0 removes the interest.
/// Subject and Queue are Latin-1 (see SubjectText); Queue is empty for plain subscriptions.
[GenerateSerializer, Immutable, Alias("natrium.interest-entry")]
public sealed record InterestEntry(
    [property: Id(0)] string Subject,
    [property: Id(1)] string Queue,
    [property: Id(2)] int Count);
