using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Permissions;

/// The allow or deny entries of the subscribe direction, plain and queue-qualified, matched against
/// a SUB subject whose wildcard tokens count literally (spec/authorization.md §4). SUB is rare next to
/// PUB and lists are short, so a linear scan is enough. Read-only after construction.
internal sealed class SubscribeRules(IReadOnlyList<PermissionEntry> entries)
{
    public IReadOnlyList<PermissionEntry> Entries { get; } = entries;

    public bool HasQueueEntries { get; } = entries.Any(e => e.Queue is not null);

    /// What nats-server reads from `sublist.Match(subject)`: whether plain entries cover the subject,
    /// whether queue-qualified entries do, and whether one of those names `queue`.
    public Result Match(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue)
    {
        var plain = false;
        var queued = false;
        var queueMatched = false;
        foreach (var entry in Entries)
        {
            if (!PatternCoverage.PatternCovers(entry.Subject, subject))
            {
                continue;
            }

            if (entry.Queue is null)
            {
                plain = true;
            }
            else
            {
                queued = true;
                queueMatched |= !queue.IsEmpty && PatternCoverage.QueueMatches(entry.Queue, queue);
            }
        }

        return new Result(plain, queued, queueMatched);
    }

    /// §5: a delivered message's literal subject against the queue-qualified entries for the
    /// subscription's queue. Plain entries are the caller's trie.
    public bool QueueEntryMatches(ReadOnlySpan<byte> messageSubject, ReadOnlySpan<byte> queue)
    {
        foreach (var entry in Entries)
        {
            if (entry.Queue is not null
                && PatternCoverage.QueueMatches(entry.Queue, queue)
                && SubjectMatcher.Matches(entry.Subject, messageSubject))
            {
                return true;
            }
        }

        return false;
    }

    public readonly record struct Result(bool HasPlain, bool HasQueue, bool QueueMatched);
}
