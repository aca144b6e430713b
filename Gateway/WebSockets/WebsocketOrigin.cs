namespace Natrium.Gateway.WebSockets;

/// An origin as nats-server compares them (websocket.go checkOrigin, wsGetHostAndPort): the
/// scheme, the lower-cased host, and the port, 80 or 443 by scheme when absent.
internal readonly record struct WebsocketOrigin(string Scheme, string Host, string Port)
{
    public static bool TryParse(string text, out WebsocketOrigin origin)
    {
        origin = default;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        var scheme = uri.Scheme.ToLowerInvariant();
        origin = new WebsocketOrigin(scheme, HostOf(uri), PortText(uri.IsDefaultPort ? null : uri.Port, scheme == "https"));
        return true;
    }

    /// The request's Host header as host and port, the port defaulting by whether TLS carried it.
    public static bool TryParseHost(string hostHeader, bool tls, out WebsocketOrigin origin)
    {
        origin = default;
        if (!Uri.TryCreate((tls ? "https://" : "http://") + hostHeader, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        origin = new WebsocketOrigin(uri.Scheme, HostOf(uri), PortText(uri.IsDefaultPort && !HasExplicitPort(hostHeader) ? null : uri.Port, tls));
        return true;
    }

    private static string HostOf(Uri uri) => uri.IdnHost.Trim('[', ']').ToLowerInvariant();

    private static string PortText(int? port, bool tls) => port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (tls ? "443" : "80");

    private static bool HasExplicitPort(string hostHeader) => hostHeader.LastIndexOf(':') > hostHeader.LastIndexOf(']');
}
