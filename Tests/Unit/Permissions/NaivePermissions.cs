namespace Natrium.Tests.Unit.Permissions;

/// The permission rules written straight from spec/authorization.md §3–§5 over strings, with no
/// caching, tries or spans: the reference the compiled ClientPermissions is compared against.
internal sealed class NaivePermissions(string[] pubAllow, string[] pubDeny, string[] subAllow, string[] subDeny)
{
    /// §3: allow list (if non-empty) must match, then any deny match denies.
    public bool CanPublish(string subject) =>
        (pubAllow.Length == 0 || pubAllow.Any(p => Matches(p, subject)))
        && !pubDeny.Any(p => Matches(p, subject));

    /// §4 step by step.
    public bool CanSubscribe(string subject, string queue)
    {
        if (queue == "_sys_")
        {
            return false;
        }

        var allowed = true;
        if (subAllow.Length > 0)
        {
            var (plain, queues) = Covering(subAllow, subject);
            allowed = plain.Count > 0;
            if (queue.Length > 0 && queues.Count > 0)
            {
                allowed = queues.Any(q => QueueMatches(q, queue));
            }
        }

        if (allowed && subDeny.Length > 0)
        {
            var (plain, queues) = Covering(subDeny, subject);
            if (plain.Count > 0)
            {
                allowed = false;
            }
            else if (queue.Length > 0 && queues.Any(q => QueueMatches(q, queue)))
            {
                allowed = false;
            }
        }

        return allowed;
    }

    /// §5: a plain deny entry matching the message, or a deny entry for the subscription's queue.
    public bool IsDeliveryDenied(string subject, string queue) =>
        subDeny.Select(Split).Any(e =>
            Matches(e.Subject, subject) && (e.Queue is null || (queue.Length > 0 && QueueMatches(e.Queue, queue))));

    /// Publish matching: `*` is any one token, `>` (last) one or more; no empty tokens.
    public static bool Matches(string pattern, string subject) => Walk(pattern.Split('.'), subject.Split('.'), literalWildcards: false);

    /// SUB-subject coverage: the subject's own `*`/`>` tokens are literal, so a `*` is covered
    /// only by `*` or `>`, and a `>` only by `>`.
    public static bool Covers(string pattern, string subject) => Walk(pattern.Split('.'), subject.Split('.'), literalWildcards: true);

    /// Equal names, or a wildcard permission queue covering the name as a subject.
    public static bool QueueMatches(string permission, string queue) =>
        permission == queue || ((permission.Split('.').Contains("*") || permission.Split('.').Contains(">")) && Covers(permission, queue));

    private static (List<string> Plain, List<string> Queues) Covering(string[] entries, string subject)
    {
        var plain = new List<string>();
        var queues = new List<string>();
        foreach (var (entrySubject, entryQueue) in entries.Select(Split))
        {
            if (Covers(entrySubject, subject))
            {
                (entryQueue is null ? plain : queues).Add(entryQueue ?? entrySubject);
            }
        }

        return (plain, queues);
    }

    private static (string Subject, string? Queue) Split(string entry)
    {
        var parts = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (parts[0], parts.Length > 1 ? parts[1] : null);
    }

    private static bool Walk(string[] pattern, string[] subject, bool literalWildcards)
    {
        if (pattern.Any(t => t.Length == 0) || subject.Any(t => t.Length == 0))
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == ">")
            {
                return subject.Length > i;
            }

            if (i >= subject.Length)
            {
                return false;
            }

            var ok = pattern[i] == "*"
                ? !(literalWildcards && subject[i] == ">")
                : pattern[i] == subject[i];
            if (!ok)
            {
                return false;
            }
        }

        return pattern.Length == subject.Length;
    }
}
