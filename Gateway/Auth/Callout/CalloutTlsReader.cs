using System.Security.Cryptography.X509Certificates;
using Natrium.Contracts.Jwt;
using Natrium.Gateway.Tls;

namespace Natrium.Gateway.Auth.Callout;

/// `client_tls` of a callout request (spec/auth_callout.md §3): the TLS version and cipher in
/// Go's spelling, and the client certificate as PEM: under verified_chains when tls.verify checked
/// it, with the configured CA certificates it chains to after it (leaf first, as nats-server);
/// else alone under certs.
internal static class CalloutTlsReader
{
    public static CalloutClientTls Read(NegotiatedTls negotiated, X509Certificate2? certificate, TlsServer tls)
    {
        var verified = tls.Options.RequiresClientCertificate;
        var pem = certificate?.ExportCertificatePem();
        return new CalloutClientTls
        {
            Version = negotiated.VersionName,
            Cipher = negotiated.CipherName,
            VerifiedChains = certificate is not null && verified ? [ChainPem(tls, certificate)] : [],
            Certs = pem is not null && !verified ? [pem] : [],
        };
    }

    private static string[] ChainPem(TlsServer tls, X509Certificate2 leaf)
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
