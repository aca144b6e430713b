namespace Natrium.Gateway.Permissions;

/// Whether a permission pattern covers a SUB subject or a queue name whose own `*`/`>` tokens are
/// taken literally (spec/authorization.md §4). This is nats-server's subset match, not publish
/// matching: pattern `a.>` covers `a.*` and `a.b.c`, but pattern `a.*` does not cover `a.>` (that
/// SUB would receive `a.b.c`), and literal `foo` never covers `foo.*`.
internal static class PatternCoverage
{
    /// True when every subject the subscription `subject` can receive is also matched by `pattern`.
    /// A `*` token in the subject is covered only by `*` or `>`, a `>` token only by `>`. Empty
    /// tokens cover and are covered by nothing.
    public static bool PatternCovers(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> subject)
    {
        if (pattern.IsEmpty || subject.IsEmpty)
        {
            return false;
        }

        while (true)
        {
            var patternDot = pattern.IndexOf((byte)'.');
            var subjectDot = subject.IndexOf((byte)'.');
            var patternToken = patternDot < 0 ? pattern : pattern[..patternDot];
            var subjectToken = subjectDot < 0 ? subject : subject[..subjectDot];
            if (patternToken.IsEmpty || subjectToken.IsEmpty)
            {
                return false;
            }

            // `>` covers whatever is left, wildcards included; the subject has at least this token.
            if (IsWildcard(patternToken, (byte)'>'))
            {
                return true;
            }

            if (IsWildcard(subjectToken, (byte)'>'))
            {
                return false;
            }

            var patternStar = IsWildcard(patternToken, (byte)'*');
            if (IsWildcard(subjectToken, (byte)'*') ? !patternStar : !patternStar && !patternToken.SequenceEqual(subjectToken))
            {
                return false;
            }

            if (patternDot < 0 || subjectDot < 0)
            {
                return patternDot < 0 && subjectDot < 0;
            }

            pattern = pattern[(patternDot + 1)..];
            subject = subject[(subjectDot + 1)..];
        }
    }

    /// nats-server's queueMatches for one entry (§4): equal names, or a wildcard permission queue
    /// covering the actual queue name as a subject (`v1.*` covers `v1.a`). Equality comes first
    /// because `*` and `>` are legal queue names.
    public static bool QueueMatches(ReadOnlySpan<byte> permissionQueue, ReadOnlySpan<byte> queue) =>
        queue.SequenceEqual(permissionQueue) || PatternCovers(permissionQueue, queue);

    private static bool IsWildcard(ReadOnlySpan<byte> token, byte wildcard) => token.Length == 1 && token[0] == wildcard;
}
