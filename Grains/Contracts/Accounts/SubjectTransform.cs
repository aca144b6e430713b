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
            else if (Partition(token, wildcards) is { } partition)
            {
                output.Add(partition);
            }
            else
            {
                output.Add(token);
            }
        }

        return string.Join('.', output);
    }

    /// {{partition(n, i, j...)}}: FNV-1a 32-bit of the named wildcard tokens concatenated (all
    /// wildcard tokens joined by '.' when none is named), modulo n (spec/accounts.md §6).
    private static string? Partition(string token, List<string> wildcards)
    {
        var compact = token.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        if (!compact.StartsWith("{{partition(", StringComparison.Ordinal) || !compact.EndsWith(")}}", StringComparison.Ordinal))
        {
            return null;
        }

        var args = compact[12..^3].Split(',');
        if (!uint.TryParse(args[0], out var buckets) || buckets == 0)
        {
            return null;
        }

        var key = args.Length == 1
            ? string.Join('.', wildcards)
            : string.Concat(args[1..].Select(a => int.TryParse(a, out var i) && i >= 1 && i <= wildcards.Count ? wildcards[i - 1] : string.Empty));
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (hash % buckets).ToString(System.Globalization.CultureInfo.InvariantCulture);
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
