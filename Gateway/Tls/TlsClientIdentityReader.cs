using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Natrium.Gateway.Auth;

namespace Natrium.Gateway.Tls;

/// Reads what verify_and_map matches users against from a client's leaf certificate
/// (spec/tls.md §4): email, DNS and URI SANs, and the subject in RFC 2253 form, most specific
/// RDN first, every attribute kept.
internal static class TlsClientIdentityReader
{
    private static readonly Dictionary<string, string> AttributeNames = new()
    {
        ["2.5.4.6"] = "C",
        ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU",
        ["2.5.4.3"] = "CN",
        ["2.5.4.5"] = "SERIALNUMBER",
        ["2.5.4.7"] = "L",
        ["2.5.4.8"] = "ST",
        ["2.5.4.9"] = "STREET",
        ["2.5.4.17"] = "POSTALCODE",
        ["0.9.2342.19200300.100.1.25"] = "DC",
        ["0.9.2342.19200300.100.1.1"] = "UID",
        ["1.2.840.113549.1.9.1"] = "emailAddress",
    };

    public static CertificateIdentity Read(X509Certificate2 certificate)
    {
        var emails = new List<string>();
        var dns = new List<string>();
        var uris = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension)
            {
                ReadSubjectAlternativeNames(extension.RawData, emails, dns, uris);
            }
        }

        return new CertificateIdentity(emails, dns, SubjectDn(certificate.SubjectName)) { Uris = uris };
    }

    /// RFC 2253: RDNs in reverse certificate order (the enumeration's default order), most
    /// specific first, multi-valued RDNs joined by '+'.
    public static string SubjectDn(X500DistinguishedName name) =>
        string.Join(",", name.EnumerateRelativeDistinguishedNames(reversed: true).Select(Rdn));

    private static string Rdn(X500RelativeDistinguishedName rdn)
    {
        var reader = new AsnReader(rdn.RawData, AsnEncodingRules.DER);
        var set = reader.ReadSetOf();
        var parts = new List<string>();
        while (set.HasData)
        {
            var sequence = set.ReadSequence();
            var oid = sequence.ReadObjectIdentifier();
            var value = sequence.ReadCharacterStringOrDefault();
            parts.Add($"{AttributeNames.GetValueOrDefault(oid, oid)}={Escape(value)}");
        }

        return string.Join("+", parts);
    }

    /// `, + " \ < > ;` escaped; a leading `#` or space and a trailing space escaped too.
    internal static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';'
                || (i == 0 && c is '#' or ' ')
                || (i == value.Length - 1 && c == ' '))
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }

    private static string ReadCharacterStringOrDefault(this AsnReader reader)
    {
        var tag = reader.PeekTag();
        return tag.TagValue switch
        {
            (int)UniversalTagNumber.UTF8String => reader.ReadCharacterString(UniversalTagNumber.UTF8String),
            (int)UniversalTagNumber.PrintableString => reader.ReadCharacterString(UniversalTagNumber.PrintableString),
            (int)UniversalTagNumber.IA5String => reader.ReadCharacterString(UniversalTagNumber.IA5String),
            (int)UniversalTagNumber.BMPString => reader.ReadCharacterString(UniversalTagNumber.BMPString),
            (int)UniversalTagNumber.T61String => reader.ReadCharacterString(UniversalTagNumber.T61String),
            _ => "#" + Convert.ToHexStringLower(reader.ReadEncodedValue().Span),
        };
    }

    /// GeneralNames: rfc822Name [1], dNSName [2], uniformResourceIdentifier [6].
    private static void ReadSubjectAlternativeNames(byte[] raw, List<string> emails, List<string> dns, List<string> uris)
    {
        var names = new AsnReader(raw, AsnEncodingRules.DER).ReadSequence();
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
            {
                names.ReadEncodedValue();
                continue;
            }

            switch (tag.TagValue)
            {
                case 1:
                    emails.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 1)));
                    break;
                case 2:
                    dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 2)));
                    break;
                case 6:
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 6)));
                    break;
                default:
                    names.ReadEncodedValue();
                    break;
            }
        }
    }
}
