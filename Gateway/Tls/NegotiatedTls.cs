using System.Net.Security;
using System.Security.Authentication;

namespace Natrium.Gateway.Tls;

/// What a client's TLS handshake settled on, whichever listener did it (the client port's
/// SslStream, or Kestrel for wss): /connz and auth callout's client_tls show it. Peer
/// certificates: what the client presented, for /connz `tls_peer_certs` (empty without one).
internal readonly record struct NegotiatedTls(SslProtocols Protocol, TlsCipherSuite Cipher, TlsPeerCertificate[] PeerCertificates)
{
    public static NegotiatedTls Of(SslStream ssl) => new(ssl.SslProtocol, ssl.NegotiatedCipherSuite, TlsPeerCertificates.Take(ssl));

    /// Go's crypto/tls spelling, as nats-server prints it.
    public string VersionName => Protocol switch
    {
        SslProtocols.Tls13 => "1.3",
        SslProtocols.Tls12 => "1.2",
        var other => other.ToString(),
    };

    public string CipherName => Cipher.ToString();
}
