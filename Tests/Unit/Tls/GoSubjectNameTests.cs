using System.Security.Cryptography.X509Certificates;
using Natrium.Gateway.Tls;

namespace Natrium.Tests.Unit.Tls;

/// Subjects of certificates made with openssl and presented to nats-server 2.9.10, against the
/// `tls_peer_certs` subject it printed for each (probed on 127.0.0.1): the encoded subject
/// (DER, hex) and Go's text.
public sealed class GoSubjectNameTests
{
    [Theory]
    // openssl -subj "/C=US/ST=CA/L=SF/O=Org, Inc/OU=u1/OU=u2/CN=client #1/emailAddress=a@b.c/title=Dr"
    [InlineData(
        "30818b310b3009060355040613025553310b300906035504080c024341310b300906035504070c0253463111300f060355040a0c084f72672c20496e63310b3009060355040b0c027531310b3009060355040b0c0275323112301006035504030c09636c69656e742023313114301206092a864886f70d01090116056140622e63310b3009060355040c0c024472",
        @"CN=client #1,OU=u1+OU=u2,O=Org\, Inc,L=SF,ST=CA,C=US,2.5.4.12=#13024472,1.2.840.113549.1.9.1=#0c056140622e63")]
    // openssl -utf8 -subj "/DC=com/CN=first/O=z/O=y/title=A*B/title=A&B/UID=u1/serialNumber=42/postalCode=9 9/street= s#t /CN=Ünï <x>"
    [InlineData(
        "3081ac31133011060a0992268993f22c6401191603636f6d310e300c06035504030c056669727374310a3008060355040a0c017a310a3008060355040a0c0179310c300a060355040c0c03412a42310c300a060355040c0c0341264231123010060a0992268993f22c6401010c027531310b3009060355040513023432310c300a06035504110c03392039310e300c06035504090c0520732374203112301006035504030c09c39c6ec3af203c783e",
        @"SERIALNUMBER=42,CN=Ünï \<x\>,O=z+O=y,POSTALCODE=9 9,STREET=\ s#t\ ,0.9.2342.19200300.100.1.1=#13027531,2.5.4.12=#0c03412642,2.5.4.12=#0c03412a42,0.9.2342.19200300.100.1.25=#1303636f6d")]
    public void Subject_reads_as_nats_server_printed_it(string subjectDer, string expected) =>
        Assert.Equal(expected, GoSubjectName.Of(new X500DistinguishedName(Convert.FromHexString(subjectDer))));
}
