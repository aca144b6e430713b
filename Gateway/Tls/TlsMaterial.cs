using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Natrium.Gateway.Tls;

/// PEM files → certificates. Errors name the file but never show key material.
internal static class TlsMaterial
{
    public static X509Certificate2 LoadServerCertificate(string certFile, string keyFile)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);

            // On Linux a key from PEM is ephemeral; SslStream wants it re-imported.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"error loading TLS certificate \"{certFile}\" with key \"{keyFile}\": {e.GetType().Name}");
        }
    }

    public static X509Certificate2Collection LoadCertificates(string file)
    {
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(file);
            if (collection.Count == 0)
            {
                throw new CryptographicException("no certificate found");
            }

            return collection;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"error loading CA file \"{file}\": {e.Message}");
        }
    }
}
