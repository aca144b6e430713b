using Natrium.Contracts.Security;

namespace Natrium.Gateway.Auth;

/// tls.verify_and_map: picks the configured user named by the client certificate, trying in
/// the order of nats-server checkClientTLSCertSubject (spec/tls.md §4): email SANs, DNS SANs,
/// URI SANs, the subject compared as a DN, the pkix subject string with DCs appended, and the
/// pkix subject string without DCs. The first candidate that names an eligible user wins.
internal sealed class CertificateUserMapper
{
    private readonly IReadOnlyDictionary<string, UserConfig> usersByName;
    private readonly List<(DistinguishedName Dn, UserConfig User)> dnUsers = [];

    /// usersByName: the users with a name (not nkey users), ordinal keys.
    public CertificateUserMapper(IReadOnlyDictionary<string, UserConfig> usersByName, IEnumerable<UserConfig> inConfigOrder)
    {
        this.usersByName = usersByName;
        foreach (var user in inConfigOrder)
        {
            if (user.Name is { } name && ReferenceEquals(usersByName.GetValueOrDefault(name), user) &&
                name.Contains('=') && DistinguishedName.TryParse(name, out var dn))
            {
                dnUsers.Add((dn, user));
            }
        }
    }

    /// The mapped user, or null. eligible filters out users this connection may not be
    /// (allowed_connection_types); nats-server then moves on to the next candidate.
    public UserConfig? Map(CertificateIdentity certificate, Func<UserConfig, bool> eligible)
    {
        foreach (var names in (IReadOnlyList<string>[])[certificate.EmailAddresses, certificate.DnsNames, certificate.Uris])
        {
            foreach (var name in names)
            {
                if (ByName(name, eligible) is { } user)
                {
                    return user;
                }
            }
        }

        if (string.IsNullOrEmpty(certificate.SubjectDn) ||
            !DistinguishedName.TryParse(certificate.SubjectDn, out var subject))
        {
            return null;
        }

        foreach (var (dn, user) in dnUsers)
        {
            if (dn.Matches(subject) && eligible(user))
            {
                return user;
            }
        }

        if (subject.HasDomainComponents && ByName(subject.ToPkixString(appendDomainComponents: true), eligible) is { } withDc)
        {
            return withDc;
        }

        return ByName(subject.ToPkixString(appendDomainComponents: false), eligible);
    }

    private UserConfig? ByName(string name, Func<UserConfig, bool> eligible) =>
        usersByName.TryGetValue(name, out var user) && eligible(user) ? user : null;
}
