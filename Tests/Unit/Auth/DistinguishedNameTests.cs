using Natrium.Gateway.Auth;

namespace Natrium.Tests.Unit.Auth;

public sealed class DistinguishedNameTests
{
    private static DistinguishedName Parse(string text)
    {
        Assert.True(DistinguishedName.TryParse(text, out var dn), text);
        return dn;
    }

    [Theory]
    [InlineData("CN=a,O=b", "CN=a,O=b")]
    [InlineData("CN=a,O=b", "O=b,CN=a")]
    [InlineData("CN=a+UID=7,O=b", "O=b,UID=7+CN=a")]
    [InlineData("CN=a\\,b,O=c", "CN=a\\2Cb,O=c")]
    [InlineData("CN=\"a,b\",O=c", "CN=a\\,b,O=c")]
    [InlineData("2.5.4.3=a,OID.2.5.4.10=b", "CN=a,O=b")]
    [InlineData("CN=a,S=CA", "CN=a,ST=CA")]
    [InlineData("CN=a ,O=b", "CN=a,O=b")]
    public void Dn_equivalent_forms_match(string a, string b)
    {
        Assert.True(Parse(a).Matches(Parse(b)));
    }

    [Theory]
    [InlineData("CN=a,O=b", "CN=A,O=b")]
    [InlineData("CN=a,O=b", "CN=a")]
    [InlineData("CN=a,O=b", "CN=a,O=b,C=US")]
    [InlineData("DC=example,DC=example", "DC=example,DC=org")]
    [InlineData("CN=a+UID=7", "CN=a,UID=7")]
    public void Dn_different_names_do_not_match(string a, string b)
    {
        Assert.False(Parse(a).Matches(Parse(b)));
        Assert.False(Parse(b).Matches(Parse(a)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("CN")]
    [InlineData("=a")]
    [InlineData("CN=a,")]
    [InlineData("CN=a\\")]
    [InlineData("CN=\"a")]
    public void Dn_malformed_text_is_rejected(string text)
    {
        Assert.False(DistinguishedName.TryParse(text, out _));
    }

    [Fact]
    public void Dn_pkix_string_drops_non_pkix_types_and_appends_dcs_on_request()
    {
        var dn = Parse("CN=dn user,emailAddress=x@y,OU=Eng,O=Acme\\, Co,C=US,DC=example,DC=org");
        Assert.True(dn.HasDomainComponents);
        Assert.Equal("CN=dn user,OU=Eng,O=Acme\\, Co,C=US", dn.ToPkixString(appendDomainComponents: false));
        // The DCs follow in certificate order (DC=org came first in the certificate).
        Assert.Equal("CN=dn user,OU=Eng,O=Acme\\, Co,C=US,DC=org,DC=example", dn.ToPkixString(appendDomainComponents: true));
    }

    [Fact]
    public void Dn_pkix_string_uses_go_type_order_not_certificate_order()
    {
        // Certificate order CN, C, O (written most specific first: O, C, CN); Go prints CN,O,C.
        Assert.Equal("CN=svc,O=Acme,C=US", Parse("O=Acme,C=US,CN=svc").ToPkixString(false));
        Assert.Equal("SERIALNUMBER=42,CN=svc,L=LA,ST=CA", Parse("CN=svc,SERIALNUMBER=42,ST=CA,L=LA").ToPkixString(false));
    }

    [Fact]
    public void Dn_pkix_string_joins_values_of_one_type_and_splits_mixed_rdns()
    {
        // Two OU RDNs become one "OU=a+OU=b" RDN in certificate order; a CN+OU RDN is split.
        Assert.Equal("CN=svc,OU=Ops+OU=Eng,O=Acme", Parse("CN=svc,OU=Eng,OU=Ops,O=Acme").ToPkixString(false));
        Assert.Equal("CN=svc,OU=Eng,O=Acme", Parse("CN=svc+OU=Eng,O=Acme").ToPkixString(false));
    }

    [Fact]
    public void Dn_pkix_string_keeps_the_last_common_name_only()
    {
        Assert.Equal("CN=second,O=Acme", Parse("CN=second,CN=first,O=Acme").ToPkixString(false));
    }

    [Fact]
    public void Dn_pkix_string_escapes_leading_hash_and_trailing_space()
    {
        Assert.Equal("CN=\\#a,O=b\\ ", Parse("CN=\\#a,O=b\\ ").ToPkixString(false));
    }
}
