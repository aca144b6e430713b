using System.Security.Authentication;
using System.Text.RegularExpressions;
using Natrium.Gateway.Tls;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// The client `tls { }` block (spec/tls.md §6). Every key nats-server knows is either honoured
/// or refused: running with weaker TLS than the file asks for is not an option.
internal static partial class TlsMapper
{
    public static TlsOptions? Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map, got {entry.Value.Kind}");
            return null;
        }

        var files = new TlsFileKeys();
        var options = new TlsOptions { CertFile = string.Empty, KeyFile = string.Empty };
        foreach (var e in map.Entries)
        {
            if (files.TryRead(e, diagnostics))
            {
                continue;
            }

            switch (e.Key.ToLowerInvariant())
            {
                case "verify":
                    options = options with { Verify = ConfReading.Bool(e, diagnostics) ?? false };
                    break;
                case "verify_and_map":
                    options = options with { VerifyAndMap = ConfReading.Bool(e, diagnostics) ?? false };
                    break;
                case "timeout":
                    options = options with { Timeout = Seconds(e, diagnostics) ?? options.Timeout };
                    break;
                case "handshake_first" or "first" or "immediate":
                    options = HandshakeFirst(e, options, diagnostics);
                    break;
                case "min_version":
                    options = options with { MinVersion = MinVersion(e, diagnostics) };
                    break;
                case "cipher_suites":
                    options = options with { CipherSuites = CipherSuites(e, diagnostics) };
                    break;
                case "pinned_certs":
                    options = options with { PinnedCerts = Pins(e, diagnostics) };
                    break;
                case "connection_rate_limit":
                    options = options with { ConnectionRateLimit = RateLimit(e, diagnostics) };
                    break;
                case "insecure":
                    // Skips verifying the *server* on outbound connections, which a client
                    // listener does not make; nats-server accepts it here and ignores it too.
                    if (ConfReading.Bool(e, diagnostics) == true)
                    {
                        diagnostics.Notice(e.KeyPosition, "tls: 'insecure' only concerns outbound connections; the client listener ignores it");
                    }

                    break;
                case "verify_cert_and_check_known_urls":
                    if (ConfReading.Bool(e, diagnostics) == true)
                    {
                        diagnostics.Error(e.KeyPosition, "verify_cert_and_check_known_urls not supported in this context");
                    }

                    break;
                default:
                    diagnostics.Error(e.KeyPosition, $"error parsing tls config, unknown field [\"{e.Key}\"]"
                        + (KnownButUnsupported.Contains(e.Key) ? " (not supported by Natrium yet)" : string.Empty));
                    break;
            }
        }

        var (cert, key, ca) = (files.Cert, files.Key, files.Ca);
        if (cert is null && key is null)
        {
            // As nats-server 2.9.10: a block without either is a TLS listener with no
            // certificate (every handshake fails); the loader warns about it.
            cert = key = string.Empty;
        }
        else if (cert is null || key is null)
        {
            diagnostics.Error(map.Position, cert is null ? "missing 'cert_file' in TLS configuration" : "missing 'key_file' in TLS configuration");
            return null;
        }

        if (options.RequiresClientCertificate && ca is null)
        {
            diagnostics.Error(map.Position, "tls: verify and verify_and_map need ca_file to check client certificates");
        }

        return options with { CertFile = cert, KeyFile = key, CaFile = ca };
    }

    private static readonly HashSet<string> KnownButUnsupported = new(StringComparer.OrdinalIgnoreCase)
    {
        "certs", "certificates", "curve_preferences", "ocsp_peer",
        "cert_store", "cert_match_by", "cert_match", "ca_certs_match", "cert_match_skip_invalid", "allow_insecure_cipher_suites",
    };

    private static TimeSpan? Seconds(ConfEntry entry, ConfDiagnostics diagnostics) => entry.Value switch
    {
        ConfInteger i => TimeSpan.FromSeconds(i.Value),
        ConfFloat f => TimeSpan.FromSeconds(f.Value),
        _ => ConfReading.Duration(entry, diagnostics),
    };

    /// true/false, or "auto" / a duration: wait that long for the client to start TLS.
    private static TlsOptions HandshakeFirst(ConfEntry entry, TlsOptions options, ConfDiagnostics diagnostics)
    {
        switch (entry.Value)
        {
            case ConfBool b:
                return options with { HandshakeFirst = b.Value };
            case ConfString { Value: var text } when text.Equals("auto", StringComparison.OrdinalIgnoreCase) || text.Equals("auto_fallback", StringComparison.OrdinalIgnoreCase):
                return options with { HandshakeFirst = true, HandshakeFirstFallback = TlsOptions.DefaultHandshakeFirstFallback };
            case ConfString { Value: var text } when text.Equals("on", StringComparison.OrdinalIgnoreCase) || text.Equals("true", StringComparison.OrdinalIgnoreCase):
                return options with { HandshakeFirst = true };
            case ConfString { Value: var text } when text.Equals("off", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase):
                return options with { HandshakeFirst = false };
            default:
                var delay = ConfReading.Duration(entry, diagnostics);
                return delay is null ? options : options with { HandshakeFirst = true, HandshakeFirstFallback = delay };
        }
    }

    /// An integer (nats-server takes no other type); 0 or less means no limit.
    private static long RateLimit(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is ConfInteger { Value: var limit })
        {
            return Math.Max(0, limit);
        }

        diagnostics.Error(entry.Value.Position, "error parsing tls config, 'connection_rate_limit' wrong type");
        return 0;
    }

    private static SslProtocols MinVersion(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        switch (ConfReading.String(entry, diagnostics))
        {
            case "1.2":
                return SslProtocols.Tls12;
            case "1.3":
                return SslProtocols.Tls13;
            case { } other:
                diagnostics.Error(entry.Value.Position, $"unsupported TLS version \"{other}\"");
                break;
        }

        return SslProtocols.Tls12;
    }

    private static List<string> Pins(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var pins = new List<string>();
        var items = entry.Value is ConfArray a ? a.Items : [entry.Value];
        foreach (var item in items)
        {
            if (item is ConfString { Value: var pin } && PinPattern().IsMatch(pin))
            {
                pins.Add(pin.ToLowerInvariant());
            }
            else
            {
                diagnostics.Error(item.Position, "pinned_certs: each entry must be 64 hexadecimal characters (SHA-256)");
            }
        }

        return pins;
    }

    /// Names as nats-server takes them (Go's, the IANA names); an empty list is an error.
    private static List<System.Net.Security.TlsCipherSuite> CipherSuites(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var suites = new List<System.Net.Security.TlsCipherSuite>();
        var items = entry.Value is ConfArray a ? a.Items : [entry.Value];
        foreach (var item in items)
        {
            if (item is ConfString { Value: var name } && Enum.TryParse<System.Net.Security.TlsCipherSuite>(name, ignoreCase: false, out var suite) && name.StartsWith("TLS_", StringComparison.Ordinal))
            {
                suites.Add(suite);
            }
            else
            {
                diagnostics.Error(item.Position, $"cipher suite \"{(item as ConfString)?.Value}\" not recognized");
            }
        }

        if (suites.Count == 0 && items.Count == 0)
        {
            diagnostics.Error(entry.Value.Position, "cipher_suites: the list is empty");
        }

        return suites;
    }

    [GeneratedRegex("^[A-Fa-f0-9]{64}$")]
    private static partial Regex PinPattern();
}
