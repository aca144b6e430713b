using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Natrium.Gateway.Tls;

/// A certificate subject as Go's `pkix.Name.String()` prints it, which nats-server shows in
/// /connz `tls_peer_certs` (verified on 2.9.10 with a subject of every kind below). Go does not
/// print the encoded RDNs: it parses them into fields and prints those in a fixed order, most
/// specific first: SERIALNUMBER, CN, OU, O, POSTALCODE, STREET, L, ST, C, each field's values
/// as one RDN joined by '+' (`OU=u1+OU=u2`), CN and SERIALNUMBER the last one encoded; then
/// every other attribute, last encoded first, as `<oid>=#<hex>`, the hex of its value encoded
/// again by Go (PrintableString when it can be, else UTF8String: `2.5.4.12=#13024472`).
/// Values are escaped as RFC 4514 (TlsClientIdentityReader.Escape, the same rules as Go's).
internal static class GoSubjectName
{
    private const string Cn = "2.5.4.3";
    private const string SerialNumber = "2.5.4.5";

    /// The multi-valued fields, in Go's ToRDNSequence order (printed reversed).
    private static readonly (string Oid, string Name)[] Fields =
    [
        ("2.5.4.6", "C"), ("2.5.4.8", "ST"), ("2.5.4.7", "L"), ("2.5.4.9", "STREET"),
        ("2.5.4.17", "POSTALCODE"), ("2.5.4.10", "O"), ("2.5.4.11", "OU"),
    ];

    public static string Of(X500DistinguishedName name)
    {
        var attributes = Attributes(name);
        var rdns = new List<string>();

        // Go places the attributes it has no field for first, so they print last.
        foreach (var (oid, value, raw) in attributes)
        {
            if (oid != Cn && oid != SerialNumber && !Fields.Any(f => f.Oid == oid))
            {
                rdns.Add(oid + "=#" + Convert.ToHexStringLower(value is null ? raw : GoMarshal(value)));
            }
        }

        foreach (var (oid, label) in Fields)
        {
            var values = attributes.Where(a => a.Oid == oid && a.Value is not null).Select(a => label + "=" + TlsClientIdentityReader.Escape(a.Value!)).ToList();
            if (values.Count > 0)
            {
                rdns.Add(string.Join("+", values));
            }
        }

        AddLast(rdns, attributes, Cn, "CN");
        AddLast(rdns, attributes, SerialNumber, "SERIALNUMBER");
        rdns.Reverse();
        return string.Join(",", rdns);
    }

    /// CN and SERIALNUMBER hold one value in Go's Name: the last encoded, if not empty.
    private static void AddLast(List<string> rdns, List<(string Oid, string? Value, byte[] Raw)> attributes, string oid, string label)
    {
        var last = attributes.LastOrDefault(a => a.Oid == oid && a.Value is not null).Value;
        if (!string.IsNullOrEmpty(last))
        {
            rdns.Add(label + "=" + TlsClientIdentityReader.Escape(last));
        }
    }

    /// Every attribute in encoded order, with its string value (null for a non-string value,
    /// which Go refuses, kept here as its encoding).
    private static List<(string Oid, string? Value, byte[] Raw)> Attributes(X500DistinguishedName name)
    {
        var attributes = new List<(string, string?, byte[])>();
        var sequence = new AsnReader(name.RawData, AsnEncodingRules.DER).ReadSequence();
        while (sequence.HasData)
        {
            var set = sequence.ReadSetOf();
            while (set.HasData)
            {
                var attribute = set.ReadSequence();
                var oid = attribute.ReadObjectIdentifier();
                var raw = attribute.PeekEncodedValue().ToArray();
                attributes.Add((oid, StringValue(attribute), raw));
            }
        }

        return attributes;
    }

    private static string? StringValue(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.TagClass != TagClass.Universal)
        {
            return null;
        }

        return (UniversalTagNumber)tag.TagValue switch
        {
            UniversalTagNumber.UTF8String or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String
                or UniversalTagNumber.BMPString or UniversalTagNumber.NumericString => reader.ReadCharacterString((UniversalTagNumber)tag.TagValue),
            // Go takes a T61String's bytes as they are.
            UniversalTagNumber.T61String => Encoding.Latin1.GetString(reader.ReadOctetString(new Asn1Tag(UniversalTagNumber.T61String))),
            _ => null,
        };
    }

    /// Go's asn1.Marshal of a string: PrintableString when every character is one (no '*' or
    /// '&'), else UTF8String.
    private static byte[] GoMarshal(string value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        var printable = value.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or ' ' or '\'' or '(' or ')' or '+' or ',' or '-' or '.' or '/' or ':' or '=' or '?');
        writer.WriteCharacterString(printable ? UniversalTagNumber.PrintableString : UniversalTagNumber.UTF8String, value);
        return writer.Encode();
    }
}
