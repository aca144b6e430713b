using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// cert_file, key_file and ca_file, read alike in every TLS block that names them (the client
/// port's `tls`, the nodes' `orleans { tls }`).
internal sealed class TlsFileKeys
{
    public string? Cert { get; private set; }

    public string? Key { get; private set; }

    public string? Ca { get; private set; }

    /// Reads the entry when it is one of the three; false for any other key.
    public bool TryRead(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        switch (entry.Key.ToLowerInvariant())
        {
            case "cert_file":
                Cert = ConfReading.String(entry, diagnostics);
                return true;
            case "key_file":
                Key = ConfReading.String(entry, diagnostics);
                return true;
            case "ca_file":
                Ca = ConfReading.String(entry, diagnostics);
                return true;
            default:
                return false;
        }
    }
}
