using System.Text.RegularExpressions;

namespace Natrium.Silo.Mapping;

/// The address of a URL resolver, checked as nats-server 2.9.10 would fail it. A text Go's
/// url.Parse refuses is a config error ("error parsing account resolver url [\"…\"]"); any
/// other scheme than http(s) parses but fails nats-server's first fetch at start ("could not
/// fetch <…>: Get …: unsupported protocol scheme …"); Natrium reports that at load, `-t`
/// included. Natrium does not fetch at load: an unreachable server is found at run time.
internal static partial class ResolverUrl
{
    /// null when nats-server would use url, else its text.
    public static string? Check(string url)
    {
        var text = url.Trim();
        if (!GoParses(text, out var scheme))
        {
            return $"error parsing account resolver url [\"{text}\"]";
        }

        if (scheme is "http" or "https")
        {
            return null;
        }

        var fetched = WithSlash(text);
        var redacted = Password().IsMatch(fetched) ? Lower(Password().Replace(fetched, "${1}:xxxxx@"), scheme) : fetched;
        var get = Lower(Password().Replace(fetched, "${1}:***@"), scheme);
        return $"could not fetch <\"{redacted}\">: Get \"{get}\": unsupported protocol scheme \"{scheme}\"";
    }

    public static bool Parses(string url) => GoParses(url.Trim(), out _);

    /// NewURLAccResolver appends the account key to the address, adding a `/` when missing.
    public static string WithSlash(string url) => url.EndsWith('/') ? url : url + "/";

    /// What Go's url.Parse refuses, near enough for a config file: control characters, a
    /// missing scheme before ':', a bad %-escape, an unclosed [host] or a port that is not a
    /// number. scheme is lower-cased, "" when there is none (a relative reference).
    private static bool GoParses(string text, out string scheme)
    {
        scheme = "";
        if (text.Any(char.IsControl) || text.StartsWith(':') || BadEscape().IsMatch(text))
        {
            return false;
        }

        var match = Scheme().Match(text);
        if (!match.Success)
        {
            return true;
        }

        scheme = match.Groups[1].Value.ToLowerInvariant();
        var rest = text[match.Length..];
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return true;
        }

        var authority = rest[2..];
        var end = authority.IndexOfAny(['/', '?', '#']);
        var host = (end < 0 ? authority : authority[..end]).Split('@')[^1];
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = host[(close + 1)..];
        }

        var colon = host.LastIndexOf(':');
        return colon < 0 || host[(colon + 1)..].All(char.IsAsciiDigit);
    }

    private static string Lower(string url, string scheme) => scheme + url[scheme.Length..];

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*):")]
    private static partial Regex Scheme();

    [GeneratedRegex("%(?![0-9A-Fa-f]{2})")]
    private static partial Regex BadEscape();

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*://[^:/@]*):[^@/]*@")]
    private static partial Regex Password();
}
