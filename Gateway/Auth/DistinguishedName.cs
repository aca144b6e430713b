using System.Text;

namespace Natrium.Gateway.Auth;

/// A parsed RFC 4514/2253 distinguished name, as nats-server's internal ldap package uses it for
/// verify_and_map (spec/tls.md §4): attribute types compare case-insensitively (after mapping
/// OIDs and aliases to one short name), values exactly after unescaping.
internal sealed class DistinguishedName
{
    /// Go's pkix.Name.ToRDNSequence order, the only types its string shows; Single types hold
    /// one value (the last one in the certificate).
    private static readonly (string Type, bool Single)[] GoPkixOrder =
    [
        ("C", false), ("ST", false), ("L", false), ("STREET", false), ("POSTALCODE", false),
        ("O", false), ("OU", false), ("CN", true), ("SERIALNUMBER", true),
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["2.5.4.3"] = "CN", ["2.5.4.5"] = "SERIALNUMBER", ["2.5.4.6"] = "C", ["2.5.4.7"] = "L",
        ["2.5.4.8"] = "ST", ["S"] = "ST", ["2.5.4.9"] = "STREET", ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU", ["2.5.4.17"] = "POSTALCODE", ["0.9.2342.19200300.100.1.25"] = "DC",
        ["0.9.2342.19200300.100.1.1"] = "UID", ["1.2.840.113549.1.9.1"] = "EMAILADDRESS",
        ["E"] = "EMAILADDRESS",
    };

    private DistinguishedName(IReadOnlyList<Attribute[]> rdns) => Rdns = rdns;

    /// RDNs most specific first; each RDN has one or more (multi-valued, '+') attributes.
    public IReadOnlyList<Attribute[]> Rdns { get; }

    public static bool TryParse(string text, out DistinguishedName dn)
    {
        dn = new DistinguishedName([]);
        var rdns = new List<Attribute[]>();
        var rdn = new List<Attribute>();
        var i = 0;
        while (i < text.Length)
        {
            if (!TryReadType(text, ref i, out var type) || !TryReadValue(text, ref i, out var value))
            {
                return false;
            }

            rdn.Add(new Attribute(type, value));
            if (i < text.Length)
            {
                var separator = text[i++];
                if (separator is ',' or ';')
                {
                    rdns.Add([.. rdn]);
                    rdn.Clear();
                }
                else if (separator != '+')
                {
                    return false;
                }

                if (i == text.Length)
                {
                    return false;
                }
            }
        }

        if (rdn.Count == 0)
        {
            return false;
        }

        rdns.Add([.. rdn]);
        dn = new DistinguishedName(rdns);
        return true;
    }

    /// Same RDNs in the same order, or the same RDNs in any order (nats-server accepts both);
    /// counted as a multiset so a repeated RDN cannot stand in for a missing one.
    public bool Matches(DistinguishedName other)
    {
        if (Rdns.Count != other.Rdns.Count)
        {
            return false;
        }

        var used = new bool[other.Rdns.Count];
        foreach (var rdn in Rdns)
        {
            var found = false;
            for (var j = 0; j < other.Rdns.Count && !found; j++)
            {
                if (!used[j] && RdnEquals(rdn, other.Rdns[j]))
                {
                    used[j] = found = true;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// The string nats-server compares in verify_and_map steps 5–6 (spec/tls.md §4): Go's
    /// `Subject.ToRDNSequence().String()`. That is not the certificate's own order: Go keeps
    /// only the pkix types, puts every value of one type into one RDN joined by '+', keeps the
    /// last CN and SERIALNUMBER only, and prints the fixed type order below reversed. With
    /// appendDomainComponents, ",DC=v" follows for each DC in certificate order, unescaped,
    /// as nats-server getTLSAuthDCs builds it.
    public string ToPkixString(bool appendDomainComponents)
    {
        var inCertificateOrder = Rdns.Reverse().SelectMany(rdn => rdn).ToArray();
        var groups = new List<string>();
        foreach (var (type, single) in GoPkixOrder)
        {
            var values = inCertificateOrder.Where(a => a.Type == type).Select(a => a.Value).ToList();
            if (single && values.Count > 0)
            {
                values = values[^1].Length == 0 ? [] : [values[^1]];
            }

            if (values.Count > 0)
            {
                groups.Add(string.Join("+", values.Select(value => type + "=" + Escape(value))));
            }
        }

        groups.Reverse();
        var text = string.Join(",", groups);
        if (!appendDomainComponents)
        {
            return text;
        }

        var domainComponents = inCertificateOrder.Where(a => a.Type == "DC").Select(a => "DC=" + a.Value);
        return text + "," + string.Join(",", domainComponents);
    }

    public bool HasDomainComponents => Rdns.Any(r => r.Any(a => a.Type == "DC"));

    private static bool RdnEquals(Attribute[] a, Attribute[] b) =>
        a.Length == b.Length && a.All(x => b.Contains(x)) && b.All(y => a.Contains(y));

    private static bool TryReadType(string text, ref int i, out string type)
    {
        var start = i;
        while (i < text.Length && text[i] != '=')
        {
            i++;
        }

        type = text[start..Math.Min(i, text.Length)].Trim();
        if (i == text.Length || type.Length == 0)
        {
            return false;
        }

        i++;
        if (type.StartsWith("OID.", StringComparison.OrdinalIgnoreCase))
        {
            type = type[4..];
        }

        type = Aliases.TryGetValue(type, out var alias) ? alias : type.ToUpperInvariant();
        return true;
    }

    /// Reads up to an unescaped ',', ';' or '+'; handles \X, \HH and "quoted" values.
    private static bool TryReadValue(string text, ref int i, out string value)
    {
        value = string.Empty;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        var bytes = new List<byte>();
        var trailingSpaces = 0;
        var quoted = i < text.Length && text[i] == '"';
        if (quoted)
        {
            i++;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (quoted ? c == '"' : c is ',' or ';' or '+')
            {
                break;
            }

            i++;
            if (c == '\\')
            {
                if (i == text.Length)
                {
                    return false;
                }

                if (i + 1 < text.Length && Uri.IsHexDigit(text[i]) && Uri.IsHexDigit(text[i + 1]))
                {
                    bytes.Add(Convert.ToByte(text.Substring(i, 2), 16));
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(text[i++].ToString()));
                }

                trailingSpaces = 0;
                continue;
            }

            trailingSpaces = c == ' ' ? trailingSpaces + 1 : 0;
            bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }

        if (quoted)
        {
            if (i == text.Length)
            {
                return false;
            }

            i++;
            trailingSpaces = 0;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }
        }

        // Unescaped trailing spaces are not part of the value (RFC 4514 §3).
        value = Encoding.UTF8.GetString(bytes.ToArray(), 0, bytes.Count - trailingSpaces);
        return true;
    }

    /// RFC 2253 escaping as Go's pkix does it.
    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var k = 0; k < value.Length; k++)
        {
            var c = value[k];
            var escape = c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' ||
                (k == 0 && c is ' ' or '#') || (k == value.Length - 1 && c == ' ');
            if (escape)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    internal readonly record struct Attribute(string Type, string Value);
}
