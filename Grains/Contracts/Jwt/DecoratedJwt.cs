namespace Natrium.Contracts.Jwt;

/// A JWT file as nsc writes it (`-----BEGIN NATS OPERATOR JWT-----`, the token,
/// `------END NATS OPERATOR JWT------`; Go DecorateJWT/ParseDecoratedJWT), or the raw token.
/// Note the asymmetric dashes: 5 on BEGIN lines, 6 on END lines.
public static class DecoratedJwt
{
    /// The first armoured token of contents, or the trimmed contents when there is none.
    public static string Parse(string contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var blocks = DecoratedBlocks.Find(contents);
        return blocks.Count > 0 ? blocks[0] : contents.Trim();
    }

    /// kind is the claim type, e.g. "operator" → NATS OPERATOR JWT.
    public static string Format(string jwt, string kind)
    {
        RequireToken(jwt, nameof(jwt));
        var label = "NATS " + kind.ToUpperInvariant() + " JWT";
        return $"-----BEGIN {label}-----\n{jwt}\n------END {label}------\n\n";
    }

    /// A decorated block must stay one line: refuse anything that could break the file's layout.
    internal static void RequireToken(string value, string name)
    {
        if (value is null || !DecoratedBlocks.IsToken(value))
        {
            throw new ArgumentException("not a single-line token", name);
        }
    }
}
