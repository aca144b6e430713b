using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Protocol;
using Natrium.Gateway.Tls;

namespace Natrium.Gateway.WebSockets;

/// The websocket listener's rules at one moment: its options and what is built from them once
/// (the authenticator with the block's overrides, the TLS settings, the origin policy). A reload
/// replaces it whole, so a request or a login sees one consistent set.
internal sealed class WebsocketEndpoint
{
    public WebsocketEndpoint(WebsocketOptions options, GatewayOptions gateway)
    {
        Options = options;
        var authorization = options.Authorization(gateway.Authorization);
        Authenticator = new Authenticator(authorization, ConnectionTypes.Websocket);
        AuthRequired = authorization.AuthRequired || options.AuthOverride || gateway.Operators is not null;
        AuthTimeout = authorization.Timeout ?? DefaultAuthTimeout(options.Tls);
        Tls = options.Tls is null ? null : new TlsServer(options.Tls);
        Origins = new WebsocketOriginPolicy(options);
    }

    public WebsocketOptions Options { get; }

    public Authenticator Authenticator { get; }

    /// nats-server: the client port's auth_required, or any websocket auth override.
    public bool AuthRequired { get; }

    public TimeSpan AuthTimeout { get; }

    /// wss settings; null for ws:// (no_tls).
    public TlsServer? Tls { get; }

    public WebsocketOriginPolicy Origins { get; }

    /// The client port's INFO as a websocket client gets it (client.go generateClientInfoJSON):
    /// auth_required with the overrides; connect_urls would be the cluster's websocket URLs,
    /// which are not gathered yet, so none are announced.
    public ServerInfo InfoFrom(ServerInfo info) => info with
    {
        AuthRequired = info.AuthRequired || Options.AuthOverride,
        ConnectUrls = info.WebsocketConnectUrls,
    };

    /// nats-server's default: 2 s, or the websocket TLS timeout + 1 s.
    private static TimeSpan DefaultAuthTimeout(TlsOptions? tls) => tls is null ? TimeSpan.FromSeconds(2) : tls.Timeout + TimeSpan.FromSeconds(1);
}
