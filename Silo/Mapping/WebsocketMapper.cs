using Natrium.Gateway.WebSockets;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// The `websocket { }` block, key by key as nats-server 2.9.10's parseWebsocket reads it (with
/// its aliases). Without a port there is no websocket listener, as in nats-server.
internal static class WebsocketMapper
{
    public static WebsocketOptions? Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"Expected websocket to be a map, got {ConfReading.GoType(entry.Value)}");
            return null;
        }

        var options = new WebsocketOptions();
        int? port = null;
        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "listen":
                    var (host, listenPort) = ConfReading.HostPort(e, diagnostics);
                    options = options with { Host = string.IsNullOrEmpty(host) ? options.Host : host };
                    port = listenPort ?? port;
                    break;
                case "port":
                    port = ConfReading.Int32(e, diagnostics, -1, 65535) ?? port;
                    break;
                case "host" or "net":
                    options = options with { Host = ConfReading.String(e, diagnostics) ?? options.Host };
                    break;
                case "advertise":
                    options = options with { Advertise = ConfReading.String(e, diagnostics) };
                    break;
                case "no_tls":
                    options = options with { NoTls = ConfReading.Bool(e, diagnostics) ?? false };
                    break;
                case "tls":
                    options = options with { Tls = TlsMapper.Map(e, diagnostics) };
                    break;
                case "same_origin":
                    options = options with { SameOrigin = ConfReading.Bool(e, diagnostics) ?? false };
                    break;
                case "allowed_origins" or "allowed_origin" or "allow_origins" or "allow_origin" or "origins" or "origin":
                    options = options with { AllowedOrigins = Strings(e, diagnostics) };
                    break;
                case "handshake_timeout":
                    options = options with { HandshakeTimeout = Seconds(e, diagnostics) };
                    break;
                case "compress" or "compression":
                    options = options with { Compression = ConfReading.Bool(e, diagnostics) ?? false };
                    break;
                case "authorization" or "authentication":
                    options = SimpleAuth(options, e, diagnostics);
                    break;
                case "jwt_cookie":
                    options = options with { JwtCookie = ConfReading.String(e, diagnostics) };
                    break;
                case "no_auth_user":
                    options = options with { NoAuthUser = ConfReading.String(e, diagnostics) };
                    break;
                default:
                    Unknown(e, diagnostics);
                    break;
            }
        }

        // nats-server: port 0 (unset) means no websocket listener; -1 any free port.
        return port is null or 0 ? null : options with { Port = Math.Max(port.Value, 0) };
    }

    /// parseSimpleAuth: user, password, token and timeout only.
    private static WebsocketOptions SimpleAuth(WebsocketOptions options, ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"Expected {entry.Key} to be a map, got {ConfReading.GoType(entry.Value)}");
            return options;
        }

        foreach (var e in map.Entries)
        {
            options = e.Key.ToLowerInvariant() switch
            {
                "user" or "username" => options with { Username = ConfReading.String(e, diagnostics) },
                "pass" or "password" => options with { Password = ConfReading.String(e, diagnostics) },
                "token" => options with { Token = ConfReading.String(e, diagnostics) },
                "timeout" => options with { AuthTimeout = Seconds(e, diagnostics) },
                _ => Unknown(e, diagnostics, options),
            };
        }

        return options;
    }

    private static IReadOnlyList<string> Strings(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        switch (entry.Value)
        {
            case ConfString s:
                return [s.Value];
            case ConfArray array:
                var list = new List<string>();
                foreach (var item in array.Items)
                {
                    if (item is ConfString s)
                    {
                        list.Add(s.Value);
                    }
                    else
                    {
                        diagnostics.Error(item.Position, $"error parsing allowed origins: unsupported type in array {ConfReading.GoType(item)}");
                    }
                }

                return list;
            default:
                diagnostics.Error(entry.Value.Position, $"error parsing allowed origins: unsupported type {ConfReading.GoType(entry.Value)}");
                return [];
        }
    }

    /// A number of seconds or a duration string ("5s"), as handshake_timeout and timeout take.
    private static TimeSpan? Seconds(ConfEntry entry, ConfDiagnostics diagnostics) => entry.Value switch
    {
        ConfInteger i => TimeSpan.FromSeconds(i.Value),
        ConfFloat f => TimeSpan.FromSeconds(f.Value),
        _ => ConfReading.Duration(entry, diagnostics),
    };

    private static WebsocketOptions Unknown(ConfEntry entry, ConfDiagnostics diagnostics, WebsocketOptions options)
    {
        Unknown(entry, diagnostics);
        return options;
    }

    private static void Unknown(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (!entry.UsedAsVariable)
        {
            diagnostics.Error(entry.KeyPosition, $"unknown field \"{entry.Key}\"");
        }
    }
}
