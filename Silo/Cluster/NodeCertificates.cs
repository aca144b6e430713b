using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Natrium.Silo.Cluster;

/// The certificates of mutual TLS between silos: this node's (presented to every peer) and the
/// cluster's CA, the only issuer a peer's certificate is accepted from. A process without a
/// certificate that CA signed cannot join the cluster or call its grains.
internal sealed class NodeCertificates
{
    private NodeCertificates(X509Certificate2 node, X509Certificate2 ca)
    {
        Node = node;
        Ca = ca;
    }

    public X509Certificate2 Node { get; }

    public X509Certificate2 Ca { get; }

    /// Loads the files; null with the reason when they do not load (checked by `natrium -t`).
    public static NodeCertificates? Load(NodeTls tls, out string? error)
    {
        error = null;
        try
        {
            var node = X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);
            var ca = X509CertificateLoader.LoadCertificateFromFile(tls.CaFile);
            if (!AllowsBothUses(node))
            {
                error = "orleans: the tls certificate must allow both server and client authentication (a node is both to its peers)";
                return null;
            }

            return new NodeCertificates(node, ca);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            error = $"orleans: tls certificates do not load: {e.Message}";
            return null;
        }
    }

    // No extended key usage means any use; otherwise both TLS uses must be listed.
    private static bool AllowsBothUses(X509Certificate2 certificate)
    {
        var usage = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (usage is null)
        {
            return true;
        }

        var oids = usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToHashSet();
        return oids.Contains("1.3.6.1.5.5.7.3.1") && oids.Contains("1.3.6.1.5.5.7.3.2");
    }

    /// The peer's certificate chains to the cluster's CA (names are not checked: the CA is what
    /// makes a node a member).
    public bool IsPeer(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public bool Validate(X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors) => IsPeer(certificate);
}
