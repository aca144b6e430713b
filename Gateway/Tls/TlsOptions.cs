using System.Net.Security;
using System.Security.Authentication;

namespace Natrium.Gateway.Tls;

/// The client listener's `tls { }` block (spec/tls.md §6) as far as .NET's SslStream can
/// honour it. Immutable: a reload builds a new TlsServer from new options, which also reloads
/// the certificate files.
public sealed record TlsOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    public required string CertFile { get; init; }

    /// A tls block with neither cert_file nor key_file: nats-server starts so, and no
    /// handshake succeeds.
    public bool IsCertificateless => CertFile.Length == 0 && KeyFile.Length == 0;

    public required string KeyFile { get; init; }

    /// CA bundle that client certificates must chain to (verify, verify_and_map).
    public string? CaFile { get; init; }

    public bool Verify { get; init; }

    public bool VerifyAndMap { get; init; }

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// handshake_first: TLS before INFO (nats-server 2.10+).
    public bool HandshakeFirst { get; init; }

    /// handshake_first "auto" or a duration: if the client sends nothing for this long, fall
    /// back to the plaintext INFO and the usual upgrade. Null: TLS first, always.
    public TimeSpan? HandshakeFirstFallback { get; init; }

    public static readonly TimeSpan DefaultHandshakeFirstFallback = TimeSpan.FromMilliseconds(50);

    /// Top-level allow_non_tls: INFO says tls_available and plaintext clients are served too.
    public bool AllowNonTls { get; init; }

    public SslProtocols MinVersion { get; init; } = SslProtocols.Tls12;

    /// cipher_suites by IANA name (nats-server uses Go's names, which are the same); empty
    /// means the platform's defaults. Applies to TLS 1.2 and 1.3 suites alike.
    public IReadOnlyList<TlsCipherSuite> CipherSuites { get; init; } = [];

    /// Lower-case hex SHA-256 of client leaf certificates' SubjectPublicKeyInfo (§5).
    public IReadOnlyList<string> PinnedCerts { get; init; } = [];

    /// connection_rate_limit: TLS handshakes admitted per second; 0 = no limit.
    public long ConnectionRateLimit { get; init; }

    public bool RequiresClientCertificate => Verify || VerifyAndMap;
}
