using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// /varz `websocket`: nats-server 2.9.10's WebsocketOptsVarz, its empty fields left out (the
/// object itself is always there, as Go's omitempty keeps a struct).
internal static class WebsocketVarz
{
    public static Dictionary<string, object?> Of(GatewayNode gateway)
    {
        var section = new Dictionary<string, object?>();
        if (gateway.Options.Websocket is not { } ws)
        {
            return section;
        }

        section["host"] = ws.Host;
        section["port"] = gateway.WebsocketEndPoint?.Port ?? ws.Port;
        AddIf(section, "advertise", ws.Advertise);
        AddIf(section, "no_auth_user", ws.NoAuthUser);
        AddIf(section, "jwt_cookie", ws.JwtCookie);
        AddIf(section, "handshake_timeout", ws.HandshakeTimeout is { } h ? (long)h.TotalNanoseconds : null);
        AddIf(section, "auth_timeout", ws.AuthTimeout?.TotalSeconds);
        AddIf(section, "no_tls", ws.NoTls ? true : null);
        AddIf(section, "tls_map", ws.Tls?.VerifyAndMap == true ? true : null);
        AddIf(section, "tls_pinned_certs", ws.Tls is { PinnedCerts.Count: > 0 } tls ? tls.PinnedCerts : null);
        AddIf(section, "same_origin", ws.SameOrigin ? true : null);
        AddIf(section, "allowed_origins", ws.AllowedOrigins.Count > 0 ? ws.AllowedOrigins : null);
        AddIf(section, "compression", ws.Compression ? true : null);
        return section;
    }

    private static void AddIf(Dictionary<string, object?> section, string key, object? value)
    {
        if (value is not null)
        {
            section[key] = value;
        }
    }
}
