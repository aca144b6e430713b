using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Natrium.Contracts.Jwt;

namespace Natrium.Gateway.Auth.Callout;

/// `client_tls` of a callout request (spec/auth_callout.md §3): the TLS version and cipher in
/// Go's spelling, and the client certificate as PEM: under verified_chains when tls.verify checked
/// it, with the configured CA certificates it chains to after it (leaf first, as nats-server);
/// else alone under certs.
internal static class CalloutTlsReader
{
    public static CalloutClientTls Read(SslStream ssl, X509Certificate2? certificate, Natrium.Gateway.Tls.TlsServer tls)
    {
        var verified = tls.Options.RequiresClientCertificate;
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
            VerifiedChains = certificate is not null && verified ? [ChainPem(tls, certificate)] : [],
            Certs = pem is not null && !verified ? [pem] : [],
        };
    }

    private static string[] ChainPem(Natrium.Gateway.Tls.TlsServer tls, X509Certificate2 leaf)
    {
        var chain = tls.VerifiedChain(leaf);
        var pems = chain.Select(c => c.ExportCertificatePem()).ToArray();
        foreach (var certificate in chain.Where(c => !ReferenceEquals(c, leaf)))
        {
            certificate.Dispose();
        }

        return pems;
    }
}
