namespace Natrium.Gateway.WebSockets;

/// same_origin and allowed_origins (websocket.go checkOrigin): without either, or without an
/// Origin header (a non-browser client can claim any origin anyway), every upgrade passes.
/// Otherwise the Origin must match the request's Host (same_origin) and be listed with the
/// same scheme and port (allowed_origins). An unparsable listed origin is skipped, as there.
internal sealed class WebsocketOriginPolicy
{
    private readonly bool _sameOrigin;
    private readonly Dictionary<string, WebsocketOrigin> _allowed = new(StringComparer.Ordinal);

    public WebsocketOriginPolicy(WebsocketOptions options)
    {
        _sameOrigin = options.SameOrigin;
        foreach (var text in options.AllowedOrigins)
        {
            if (WebsocketOrigin.TryParse(text, out var origin))
            {
                _allowed[origin.Host] = origin;
            }
        }

        Checks = _sameOrigin || _allowed.Count > 0;
    }

    public bool Checks { get; }

    /// Null when the upgrade may go on; otherwise why not (logged, never sent to the client).
    public string? Refusal(string? originHeader, string? hostHeader, bool tls)
    {
        if (!Checks || string.IsNullOrEmpty(originHeader))
        {
            return null;
        }

        if (!WebsocketOrigin.TryParse(originHeader, out var origin))
        {
            return "invalid origin";
        }

        if (_sameOrigin && (hostHeader is null || !WebsocketOrigin.TryParseHost(hostHeader, tls, out var host) || host.Host != origin.Host || host.Port != origin.Port))
        {
            return "not same origin";
        }

        if (_allowed.Count > 0)
        {
            if (!_allowed.TryGetValue(origin.Host, out var allowed) || allowed.Scheme != origin.Scheme || allowed.Port != origin.Port)
            {
                return "not in the allowed list";
            }
        }

        return null;
    }
}
