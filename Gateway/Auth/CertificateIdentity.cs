namespace Natrium.Gateway.Auth;

/// What the TLS layer read from the client's leaf certificate, for tls.verify_and_map
/// (spec/tls.md §4). SubjectDn is the whole subject in RFC 2253 form, most specific RDN first,
/// with every attribute kept (e.g. "CN=svc,OU=Eng,O=Acme,DC=example,DC=org").
internal sealed record CertificateIdentity(
    IReadOnlyList<string> EmailAddresses,
    IReadOnlyList<string> DnsNames,
    string SubjectDn)
{
    /// URI SANs, tried after DNS names (spec/tls.md §4 step 3).
    public IReadOnlyList<string> Uris { get; init; } = [];
}
