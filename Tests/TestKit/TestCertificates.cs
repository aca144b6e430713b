using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Natrium.Tests.TestKit;

/// A throwaway CA and leaf certificates made at test time (ECDSA P-256), written as PEM files
/// into a temporary directory. Nothing here is ever committed.
public sealed class TestCertificates : IDisposable
{
    private readonly X509Certificate2 _ca;

    public TestCertificates(string name = "Natrium Test CA")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("natrium-certs-").FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        // The CA outlives every leaf it issues, whatever the clock does between the two.
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
        CaFile = Write("ca.pem", _ca.ExportCertificatePem());
        (ServerCertFile, ServerKeyFile) = Issue("server", "CN=127.0.0.1", serverAuth: true, dns: ["localhost"], ip: true);
    }

    public string Directory { get; }

    public string CaFile { get; }

    public string ServerCertFile { get; }

    public string ServerKeyFile { get; }

    /// Issues a leaf signed by this CA; returns its PEM certificate and key file paths.
    /// node: both server and client authentication (a cluster node is both, to its peers).
    public (string CertFile, string KeyFile) Issue(string fileName, string subject, bool serverAuth = false, string[]? dns = null, string[]? emails = null, bool ip = false, bool node = false) =>
        Issue(fileName, new X500DistinguishedName(subject), serverAuth, dns, emails, ip, node);

    /// The same with a subject built attribute by attribute (encoded in the order added).
    public (string CertFile, string KeyFile) Issue(string fileName, X500DistinguishedName subject, bool serverAuth = false, string[]? dns = null, string[]? emails = null, bool ip = false, bool node = false, X509Certificate2? issuer = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        string[] usages = node ? ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"] : [serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2"];
        var oids = new OidCollection();
        foreach (var usage in usages)
        {
            oids.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dns ?? [])
        {
            san.AddDnsName(name);
        }

        foreach (var email in emails ?? [])
        {
            san.AddEmailAddress(email);
        }

        if (ip)
        {
            san.AddIpAddress(System.Net.IPAddress.Loopback);
        }

        request.CertificateExtensions.Add(san.Build());
        var serial = RandomNumberGenerator.GetBytes(8);
        using var signed = request.Create(issuer ?? _ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        var cert = Write(fileName + ".pem", withKey.ExportCertificatePem());
        var keyFile = Write(fileName + "-key.pem", key.ExportPkcs8PrivateKeyPem());
        return (cert, keyFile);
    }

    /// An intermediate CA signed by this CA (with its private key, to issue leaves through
    /// Issue's issuer), its certificate also written as a PEM file.
    public X509Certificate2 IssueIntermediate(string fileName, string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var signed = request.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(45), RandomNumberGenerator.GetBytes(8));
        Write(fileName + ".pem", signed.ExportCertificatePem());
        return signed.CopyWithPrivateKey(key);
    }

    /// A client certificate as NATS.Net wants it (certificate with private key).
    public static X509Certificate2 LoadClient(string certFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        _ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private string Write(string name, string pem)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
