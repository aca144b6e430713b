using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Natrium.Gateway.Tls;

/// One certificate a client presented in its TLS handshake, as /connz `tls_peer_certs` lists
/// it (nats-server 2.9.10's TLSPeerCert, probed): Go's subject text, and the lowercase hex
/// SHA-256 of the DER SubjectPublicKeyInfo (what `pinned_certs` lists) and of the whole
/// certificate. Worked out once per handshake, nothing per message.
internal sealed record TlsPeerCertificate(string Subject, string SpkiSha256, string CertSha256)
{
    public static TlsPeerCertificate Of(X509Certificate2 certificate) => new(
        GoSubjectName.Of(certificate.SubjectName),
        TlsServer.PinOf(certificate),
        Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)));
}
