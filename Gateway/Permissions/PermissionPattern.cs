using Natrium.Contracts.Subjects;

namespace Natrium.Gateway.Permissions;

/// One allow or deny entry: a subject pattern, and for subscribe entries an optional queue
/// ("subject queue", spec/authorization.md §2).
internal sealed record PermissionPattern(byte[] Subject, byte[]? Queue)
{
    public static PermissionPattern Parse(string entry)
    {
        var parts = entry.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return new PermissionPattern(SubjectText.ToBytes(parts[0]), parts.Length > 1 ? SubjectText.ToBytes(parts[1]) : null);
    }

    /// Whether this pattern covers a SUB subject, token by token and literally: a wildcard
    /// token in the SUB is covered only by the same wildcard or by `>` (authorization.md §4).
    public bool Covers(ReadOnlySpan<byte> subscription)
    {
        ReadOnlySpan<byte> pattern = Subject;
        while (true)
        {
            var p = NextToken(ref pattern, out var patternDone);
            var s = NextToken(ref subscription, out var subscriptionDone);
            if (p.Length == 1 && p[0] == (byte)'>')
            {
                return !s.IsEmpty;
            }

            if (s.IsEmpty)
            {
                return false;
            }

            var tokenCovered = (p.Length == 1 && p[0] == (byte)'*' && !(s.Length == 1 && s[0] == (byte)'>')) || p.SequenceEqual(s);
            if (!tokenCovered)
            {
                return false;
            }

            if (patternDone || subscriptionDone)
            {
                return patternDone && subscriptionDone;
            }
        }
    }

    /// Queue names match when equal or when the entry's queue, as a subject, matches the name.
    public bool QueueMatches(ReadOnlySpan<byte> queue) =>
        Queue is not null && (queue.SequenceEqual(Queue) || SubjectMatcher.Matches(Queue, queue));

    private static ReadOnlySpan<byte> NextToken(ref ReadOnlySpan<byte> rest, out bool last)
    {
        var dot = rest.IndexOf((byte)'.');
        last = dot < 0;
        var token = last ? rest : rest[..dot];
        rest = last ? default : rest[(dot + 1)..];
        return token;
    }
}
