using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Tls;

namespace Natrium.Tests.Unit.Tls;

/// The subject strings verify_and_map compares, from real certificates whose DER order is
/// checked here rather than assumed from .NET's string parsing.
public sealed class TlsClientIdentityReaderTests
{
    [Fact]
    public void Subject_dn_is_most_specific_first()
    {
        using var certificate = SelfSigned(b =>
        {
            b.AddCommonName("svc");
            b.AddOrganizationalUnitName("Eng");
            b.AddOrganizationName("Acme");
            b.AddCountryOrRegion("US");
        });
        Assert.Equal(["C=US", "O=Acme", "OU=Eng", "CN=svc"], RdnsInDerOrder(certificate));

        var identity = TlsClientIdentityReader.Read(certificate);

        Assert.Equal("CN=svc,OU=Eng,O=Acme,C=US", identity.SubjectDn);
    }

    [Fact]
    public void Subject_in_unusual_order_keeps_its_order_but_the_pkix_string_does_not()
    {
        // DER order CN, O, C (CN outermost); RFC 2253 prints it reversed, Go's pkix string in
        // its fixed type order.
        using var certificate = SelfSigned(b =>
        {
            b.AddCountryOrRegion("US");
            b.AddOrganizationName("Acme");
            b.AddCommonName("svc");
        });
        Assert.Equal(["CN=svc", "O=Acme", "C=US"], RdnsInDerOrder(certificate));

        var identity = TlsClientIdentityReader.Read(certificate);

        Assert.Equal("C=US,O=Acme,CN=svc", identity.SubjectDn);
        Assert.True(DistinguishedName.TryParse(identity.SubjectDn, out var dn));
        Assert.Equal("CN=svc,O=Acme,C=US", dn.ToPkixString(appendDomainComponents: false));
    }

    // X500DistinguishedNameBuilder encodes the attributes in reverse order of the calls.
    private static X509Certificate2 SelfSigned(Action<X500DistinguishedNameBuilder> subject)
    {
        var builder = new X500DistinguishedNameBuilder();
        subject(builder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(builder.Build(), key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    // "TYPE=value" per RDN as encoded, read straight from the DER.
    private static string[] RdnsInDerOrder(X509Certificate2 certificate)
    {
        var names = new Dictionary<string, string> { ["2.5.4.3"] = "CN", ["2.5.4.10"] = "O", ["2.5.4.11"] = "OU", ["2.5.4.6"] = "C" };
        var sequence = new AsnReader(certificate.SubjectName.RawData, AsnEncodingRules.DER).ReadSequence();
        var rdns = new List<string>();
        while (sequence.HasData)
        {
            var attribute = sequence.ReadSetOf().ReadSequence();
            var oid = attribute.ReadObjectIdentifier();
            var tag = attribute.PeekTag();
            rdns.Add(names[oid] + "=" + attribute.ReadCharacterString((UniversalTagNumber)tag.TagValue));
        }

        return [.. rdns];
    }
}
