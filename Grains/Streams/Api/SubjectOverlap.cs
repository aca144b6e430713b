namespace Natrium.Grains.Streams.Api;

/// The two subject-set relations nats-server 2.9.10's JetStream rules use (server/sublist.go).
/// Collide: could one published subject match both patterns (stream subjects vs other streams,
/// within a stream's list, NAMES `subject`). IsSubsetMatch: does every subject `subject` matches
/// also match `test` (the `$JS.API.>` check, consumer filters, deliver-subject cycles).
/// Like 2.9.10, a token is a wildcard only when it is exactly `*` or `>`.
internal static class SubjectOverlap
{
    public static bool Collide(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        string[] ta = a.Split('.');
        string[] tb = b.Split('.');
        var (pwcA, fwcA) = Wildcards(ta);
        var (pwcB, fwcB) = Wildcards(tb);
        bool literalA = !(pwcA || fwcA);
        bool literalB = !(pwcB || fwcB);
        if (literalA && literalB)
        {
            return false; // Equal literals returned above.
        }

        if (literalA != literalB)
        {
            return literalA ? IsSubsetMatch(ta, tb) : IsSubsetMatch(tb, ta);
        }

        // Both have wildcards: lengths must agree unless the shorter one ends in `>`.
        if (ta.Length != tb.Length && ((ta.Length < tb.Length && !fwcA) || (tb.Length < ta.Length && !fwcB)))
        {
            return false;
        }

        for (int i = 0; i < Math.Min(ta.Length, tb.Length); i++)
        {
            if (!TokensCanMatch(ta[i], tb[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsSubsetMatch(string subject, string test) =>
        IsSubsetMatch(subject.Split('.'), test.Split('.'));

    /// True when a subject collides with any pattern of the list.
    public static bool CollidesWithAny(string subject, IEnumerable<string> patterns) =>
        patterns.Any(pattern => Collide(subject, pattern));

    private static bool IsSubsetMatch(string[] tokens, string[] test)
    {
        for (int i = 0; i < test.Length; i++)
        {
            if (i >= tokens.Length)
            {
                return false;
            }

            string t2 = test[i];
            if (t2.Length == 0)
            {
                return false;
            }

            if (t2 == ">")
            {
                return true;
            }

            string t1 = tokens[i];
            if (t1.Length == 0 || t1 == ">")
            {
                return false;
            }

            if (t1 == "*")
            {
                if (t2 != "*")
                {
                    return false;
                }

                continue;
            }

            // First byte only, as in 2.9.10: a test token `*x` matches any token.
            if (t2[0] != '*' && t1 != t2)
            {
                return false;
            }
        }

        return tokens.Length == test.Length;
    }

    // 2.9.10 looks at the first byte only here, so `*x` counts as a wildcard token.
    private static bool TokensCanMatch(string t1, string t2) =>
        t1.Length > 0 && t2.Length > 0
        && (t1[0] is '*' or '>' || t2[0] is '*' or '>' || t1 == t2);

    private static (bool Partial, bool Full) Wildcards(string[] tokens) =>
        (tokens.Contains("*"), tokens.Contains(">"));
}
