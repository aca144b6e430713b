using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;

namespace Natrium.Gateway.Tls;

/// The certificates each client sent, as nats-server lists them (its tls.ConnectionState's
/// PeerCertificates: the leaf, then whatever chain the client sent, in order). SslStream only
/// keeps the leaf, so they are read in the certificate validation callback (where .NET puts the
/// rest in the chain policy's ExtraStore) and kept here until the handshake is over; the same
/// for the client port's SslStream and Kestrel's (wss).
internal static class TlsPeerCertificates
{
    private static readonly ConditionalWeakTable<SslStream, TlsPeerCertificate[]> Presented = [];

    /// From the validation callback of an accepted certificate.
    public static void Remember(object sender, X509Certificate2 leaf, X509Chain? chain)
    {
        if (sender is not SslStream ssl)
        {
            return;
        }

        var sent = new List<TlsPeerCertificate> { TlsPeerCertificate.Of(leaf) };
        foreach (var certificate in chain?.ChainPolicy.ExtraStore ?? [])
        {
            if (!certificate.RawData.AsSpan().SequenceEqual(leaf.RawData))
            {
                sent.Add(TlsPeerCertificate.Of(certificate));
            }
        }

        Presented.AddOrUpdate(ssl, [.. sent]);
    }

    /// After the handshake: what the client presented (none without a client certificate).
    public static TlsPeerCertificate[] Take(SslStream ssl) =>
        Presented.TryGetValue(ssl, out var sent) && Presented.Remove(ssl) ? sent : [];
}
