namespace Natrium.Contracts.Jwt;

/// The jwt library's own, looser subject rules (Go v2 Subject), which decide whether an account
/// JWT is valid. They differ from the protocol's (Subjects.SubjectValidator) on purpose: a
/// server built on the jwt library accepts and rejects exactly these.
public static class JwtSubject
{
    /// Go Subject.Validate: not empty and no space (tabs pass).
    public static bool IsValid(string? subject) => !string.IsNullOrEmpty(subject) && !subject.Contains(' ');

    /// Go Subject.HasWildCards: a `*` or `>` token, as the library spots them.
    public static bool HasWildcards(string subject) =>
        subject.EndsWith(".>", StringComparison.Ordinal) || subject.Contains(".*.", StringComparison.Ordinal) ||
        subject.EndsWith(".*", StringComparison.Ordinal) || subject.StartsWith("*.", StringComparison.Ordinal) ||
        subject is "*" or ">";

    /// Go Subject.IsContainedIn: token by token, `*` in other matches any one token (even a
    /// wildcard) and a final `>` the rest.
    public static bool IsContainedIn(string subject, string other)
    {
        var mine = subject.Split('.');
        var theirs = other.Split('.');
        if ((mine.Length > theirs.Length && theirs[^1] != ">") || mine.Length < theirs.Length)
        {
            return false;
        }

        for (var n = 0; n < theirs.Length; n++)
        {
            if (n == theirs.Length - 1 && theirs[n] == ">")
            {
                return true;
            }

            if (theirs[n] != mine[n] && theirs[n] != "*")
            {
                return false;
            }
        }

        return true;
    }

    /// Go Subject.countTokenWildcards: the number of `*` tokens.
    public static int CountStarTokens(string subject) => subject.Split('.').Count(static t => t == "*");

    /// Go RenamingSubject.ToSubject: each `$N` token becomes `*`.
    public static string ReferencesToStars(string subject) =>
        string.Join('.', subject.Split('.').Select(static t => IsReference(t, out _) ? "*" : t));

    /// A `$N` token (N any integer, as Go's strconv.Atoi reads it).
    public static bool IsReference(string token, out int index)
    {
        index = 0;
        return token.Length > 1 && token[0] == '$' &&
            int.TryParse(token.AsSpan(1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out index);
    }
}
