using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Authentication;

namespace Natrium.Gateway.Tls;

/// The server side of TLS for client connections: certificate material loaded once from the
/// options, the SslStream settings, client-chain validation against the configured CA only,
/// and pinned-certificate checks (spec/tls.md §1, §4, §5).
internal sealed class TlsServer
{
    public const string NoCertificateWarning = "TLS has no cert_file and key_file: clients must use TLS and every TLS handshake fails (as nats-server 2.9.10 with an empty tls block)";

    private readonly SslStreamCertificateContext? _certificate;
    private readonly X509Certificate2Collection _trustedRoots;
    private readonly HashSet<string> _pins;
    private readonly CipherSuitesPolicy? _cipherSuites;

    public TlsServer(TlsOptions options)
    {
        Options = options;
        // Built once: otherwise every handshake builds the server's chain again.
        _certificate = options.IsCertificateless
            ? null
            : SslStreamCertificateContext.Create(TlsMaterial.LoadServerCertificate(options.CertFile, options.KeyFile), additionalCertificates: null, offline: true);
        _trustedRoots = options.CaFile is null ? [] : TlsMaterial.LoadCertificates(options.CaFile);
        _pins = new HashSet<string>(options.PinnedCerts.Select(p => p.ToLowerInvariant()), StringComparer.Ordinal);
        if (options.CipherSuites.Count > 0)
        {
            // Honoured with OpenSSL (Linux, macOS); Windows' TLS stack cannot restrict suites.
            _cipherSuites = OperatingSystem.IsWindows()
                ? throw new InvalidOperationException("tls.cipher_suites is not supported on Windows")
                : new CipherSuitesPolicy(options.CipherSuites);
        }
    }

    public TlsOptions Options { get; }

    /// Runs the server handshake on inner within the TLS timeout. Returns the TLS stream and
    /// the client's leaf certificate (if any); throws on failure or timeout.
    public async Task<(SslStream Stream, X509Certificate2? ClientCertificate)> AuthenticateAsync(Stream inner, CancellationToken cancellation)
    {
        if (_certificate is null)
        {
            throw new AuthenticationException("tls: no certificates configured");
        }

        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, ValidateClient);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(AuthenticationOptions(), timeout.Token);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }

        OpenSslBuffers.ReleaseWhenIdle(ssl);
        var client = ssl.RemoteCertificate is null ? null : new X509Certificate2(ssl.RemoteCertificate);
        return (ssl, client);
    }

    /// The server side of a handshake; the client check is ValidateClient when the caller
    /// (Kestrel, for wss) has no SslStream callback of its own.
    public SslServerAuthenticationOptions AuthenticationOptions(bool withValidation = false) => new()
    {
        ServerCertificateContext = _certificate,
        ClientCertificateRequired = Options.RequiresClientCertificate || _pins.Count > 0,
        EnabledSslProtocols = Options.MinVersion == SslProtocols.Tls13 ? SslProtocols.Tls13 : SslProtocols.Tls12 | SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CipherSuitesPolicy = _cipherSuites,
        RemoteCertificateValidationCallback = withValidation ? ValidateClient : null,
    };

    /// With verify, the client chain must end at a configured CA; pinned certificates must be
    /// in the pin set. Without either, no client certificate is needed. What an accepted client
    /// presented is kept for /connz (TlsPeerCertificates).
    private bool ValidateClient(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var required = Options.RequiresClientCertificate || _pins.Count > 0;
        if (certificate is null)
        {
            return !required;
        }

        using var leaf = new X509Certificate2(certificate);
        var accepted = Accepts(leaf, chain);
        if (accepted)
        {
            TlsPeerCertificates.Remember(sender, leaf, chain);
        }

        return accepted;
    }

    private bool Accepts(X509Certificate2 leaf, X509Chain? chain)
    {
        if (_pins.Count > 0 && !_pins.Contains(PinOf(leaf)))
        {
            return false;
        }

        if (!Options.RequiresClientCertificate)
        {
            return true;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trustedRoots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(leaf);
    }

    /// The chain a verified client certificate was accepted on, leaf first, ending at the
    /// configured CA that signed it (as nats-server's verified_chains); the leaf alone when
    /// it does not chain (not verified, or the CA file changed since).
    public X509Certificate2[] VerifiedChain(X509Certificate2 leaf)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trustedRoots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(leaf) ? [.. custom.ChainElements.Select(e => e.Certificate)] : [leaf];
    }

    /// Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo, as nats-server pins (§5).
    public static string PinOf(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
}
