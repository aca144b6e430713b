namespace Natrium.Contracts.Subjects;

/// Naive token-by-token matching of one pattern against one published subject (protocol.md §11).
/// It is the reference the trie is tested against, and is good enough for grains that hold a
/// handful of patterns; the gateway's hot path uses SubjectTrie instead.
public static class SubjectMatcher
{
    /// True when subscription `pattern` receives a message published to `subject`.
    /// `*` covers exactly one token and `>` (last) one or more. An invalid pattern matches nothing.
    /// A subject with an empty token (`foo..bar`, `.foo`, `foo.`) matches nothing, not even `>`,
    /// as in nats-server. A literal `*` or `>` token in the subject is covered only by wildcard
    /// pattern tokens, because a pattern token `*` or `>` is always a wildcard.
    public static bool Matches(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> subject) =>
        SubjectValidator.IsValidSubscription(pattern)
        && !HasEmptyToken(subject)
        && MatchTokens(pattern, subject, (byte)'.', (byte)'*', (byte)'>');

    /// Same rules over strings, for grains that receive subjects as strings.
    public static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> subject) =>
        SubjectValidator.IsValidSubscription(pattern)
        && !HasEmptyToken(subject, '.')
        && MatchTokens(pattern, subject, '.', '*', '>');

    /// True for an empty subject or one with an empty token; such a publish matches nothing.
    public static bool HasEmptyToken(ReadOnlySpan<byte> subject) =>
        subject.IsEmpty
        || subject[0] == (byte)'.'
        || subject[^1] == (byte)'.'
        || subject.IndexOf(".."u8) >= 0;

    private static bool HasEmptyToken(ReadOnlySpan<char> subject, char dot) =>
        subject.IsEmpty
        || subject[0] == dot
        || subject[^1] == dot
        || subject.IndexOf("..") >= 0;

    // Both inputs are checked by the callers: the pattern is valid, the subject has no empty token.
    private static bool MatchTokens<T>(ReadOnlySpan<T> pattern, ReadOnlySpan<T> subject, T dot, T star, T gt)
        where T : IEquatable<T>
    {
        while (true)
        {
            int patternDot = pattern.IndexOf(dot);
            int subjectDot = subject.IndexOf(dot);
            ReadOnlySpan<T> patternToken = patternDot < 0 ? pattern : pattern[..patternDot];
            ReadOnlySpan<T> subjectToken = subjectDot < 0 ? subject : subject[..subjectDot];

            // `>` is last in a valid pattern and the subject still has at least this token.
            if (patternToken.Length == 1 && patternToken[0].Equals(gt))
            {
                return true;
            }

            bool isStar = patternToken.Length == 1 && patternToken[0].Equals(star);
            if (!isStar && !patternToken.SequenceEqual(subjectToken))
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
}
