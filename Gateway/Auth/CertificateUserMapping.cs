using Natrium.Contracts.Security;

namespace Natrium.Gateway.Auth;

/// verify_and_map's lookup order (spec/tls.md §4): email SANs, DNS SANs, URI SANs as plain
/// names; then configured names that are DNs, compared with the subject as sets of
/// attributes (so RDN order does not matter), with all attributes, with the standard ones plus
/// DC, and with the standard ones only.
internal static class CertificateUserMapping
{
    private static readonly HashSet<string> StandardTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "C", "O", "OU", "CN", "SERIALNUMBER", "L", "ST", "STREET", "POSTALCODE",
    };

    public static UserConfig? Find(CertificateIdentity certificate, IReadOnlyDictionary<string, UserConfig> usersByName)
    {
        foreach (var candidate in certificate.EmailAddresses.Concat(certificate.DnsNames).Concat(certificate.Uris))
        {
            if (usersByName.TryGetValue(candidate, out var user))
            {
                return user;
            }
        }

        var subject = Parse(certificate.SubjectDn);
        var withDc = subject.Where(a => StandardTypes.Contains(a.Type) || a.Type.Equals("DC", StringComparison.OrdinalIgnoreCase)).ToList();
        var standard = subject.Where(a => StandardTypes.Contains(a.Type)).ToList();
        foreach (var (name, user) in usersByName)
        {
            if (!name.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            var wanted = Parse(name);
            if (SameSet(wanted, subject) || SameSet(wanted, withDc) || SameSet(wanted, standard))
            {
                return user;
            }
        }

        return null;
    }

    private static bool SameSet(List<(string Type, string Value)> a, List<(string Type, string Value)> b) =>
        a.Count > 0 && a.Count == b.Count && a.OrderBy(x => x).SequenceEqual(b.OrderBy(x => x));

    /// RFC 2253 text → attribute list; types upper-cased, escapes removed.
    private static List<(string Type, string Value)> Parse(string dn)
    {
        var attributes = new List<(string, string)>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i <= dn.Length; i++)
        {
            if (i < dn.Length && dn[i] == '\\' && i + 1 < dn.Length)
            {
                current.Append(dn[++i]);
                continue;
            }

            if (i == dn.Length || dn[i] is ',' or '+')
            {
                var part = current.ToString();
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    attributes.Add((part[..eq].Trim().ToUpperInvariant(), part[(eq + 1)..].Trim()));
                }

                current.Clear();
                continue;
            }

            current.Append(dn[i]);
        }

        return attributes;
    }
}
