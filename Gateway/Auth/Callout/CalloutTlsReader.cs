using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Natrium.Contracts.Jwt;

namespace Natrium.Gateway.Auth.Callout;

/// `client_tls` of a callout request (spec/auth_callout.md §3): the TLS version and cipher in
/// Go's spelling, and the client certificate as PEM, under verified_chains when tls.verify checked
/// it against the configured CA, else under certs. The verified chain holds the client's leaf
/// only (nats-server adds the CA certificates it chained to).
internal static class CalloutTlsReader
{
    public static CalloutClientTls Read(SslStream ssl, X509Certificate2? certificate, bool verified)
    {
        var pem = certificate?.ExportCertificatePem();
        return new CalloutClientTls
        {
            Version = ssl.SslProtocol switch
            {
                SslProtocols.Tls13 => "1.3",
                SslProtocols.Tls12 => "1.2",
                var other => other.ToString(),
            },
            Cipher = ssl.NegotiatedCipherSuite.ToString(),
            VerifiedChains = pem is not null && verified ? [[pem]] : [],
            Certs = pem is not null && !verified ? [pem] : [],
        };
    }
}
