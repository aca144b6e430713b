namespace Natrium.Contracts.Accounts;

/// A stream import's subject rewrite (spec/accounts.md §4): a prefix, or `to` where `*`, `$N`
/// and `{{wildcard(N)}}` take the N-th wildcard token of the source and `>` the rest.
public sealed class SubjectTransform
{
    private readonly string[] _source;
    private readonly string[]? _destination;
    private readonly string? _prefix;

    private SubjectTransform(string source, string? to, string? prefix)
    {
        _source = source.Split('.');
        _destination = to?.Split('.');
        _prefix = prefix;
    }

    public static SubjectTransform Create(string source, string? to, string? prefix) => new(source, to, prefix);

    public string Apply(string subject)
    {
        if (_prefix is not null)
        {
            return _prefix + "." + subject;
        }

        if (_destination is null)
        {
            return subject;
        }

        var tokens = subject.Split('.');
        var wildcards = new List<string>();
        string? rest = null;
        for (var n = 0; n < _source.Length && n < tokens.Length; n++)
        {
            if (_source[n] == "*")
            {
                wildcards.Add(tokens[n]);
            }
            else if (_source[n] == ">")
            {
                rest = string.Join('.', tokens[n..]);
                break;
            }
        }

        var output = new List<string>();
        var nextWildcard = 0;
        foreach (var token in _destination)
        {
            if (token == ">")
            {
                output.Add(rest ?? string.Empty);
            }
            else if (token == "*")
            {
                output.Add(nextWildcard < wildcards.Count ? wildcards[nextWildcard++] : token);
            }
            else if (WildcardIndex(token) is int index && index >= 1 && index <= wildcards.Count)
            {
                output.Add(wildcards[index - 1]);
            }
            else
            {
                output.Add(token);
            }
        }

        return string.Join('.', output);
    }

    /// $N or {{wildcard(N)}} (any case, spaces allowed inside the braces).
    private static int? WildcardIndex(string token)
    {
        if (token.StartsWith('$') && int.TryParse(token.AsSpan(1), out var dollar))
        {
            return dollar;
        }

        var compact = token.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        if (compact.StartsWith("{{wildcard(", StringComparison.Ordinal) && compact.EndsWith(")}}", StringComparison.Ordinal)
            && int.TryParse(compact.AsSpan(11, compact.Length - 14), out var n))
        {
            return n;
        }

        return null;
    }
}
