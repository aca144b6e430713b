using Natrium.Gateway.Auth;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Protocol;
using Natrium.Gateway.Routing;
using Natrium.Gateway.Tls;
using Natrium.Gateway.WebSockets;

namespace Natrium.Gateway.Connections;

/// Which listener a client came through. A WebSocket client's binary messages feed the same
/// parser, permission checks and routing as a TCP client's bytes; only the INFO, the
/// authentication rules (the websocket block's overrides, the WEBSOCKET connection type) and
/// the start differ: TLS and the HTTP upgrade were done by Kestrel before the connection exists.
internal sealed partial class ClientConnection
{
    private readonly WebsocketSession? _websocket;

    public ClientConnection(GatewayNode node, WebsocketSession session, ulong id, AccountRouting account)
        : this(node, session.OpenStream(), session.Remote, id, account)
    {
        _websocket = session;
    }

    /// The allowed_connection_types name of this client.
    public string ConnectionType => _websocket is null ? ConnectionTypes.Standard : ConnectionTypes.Websocket;

    /// /connz `type` (nats-server's clientTypeString).
    public string ClientType => _websocket is null ? "nats" : "websocket";

    private WebsocketEndpoint WebsocketEndpoint => _node.Websocket!;

    private Authenticator Authenticator => _websocket is null ? _node.Authenticator : WebsocketEndpoint.Authenticator;

    private bool AuthRequired => _websocket is null ? _node.AuthRequired : WebsocketEndpoint.AuthRequired;

    private TimeSpan AuthTimeout => _websocket is null ? _node.AuthTimeout : WebsocketEndpoint.AuthTimeout;

    private ServerInfo Info => _websocket is null ? _node.Info : WebsocketEndpoint.InfoFrom(_node.Info);

    /// An async INFO (cluster URLs, lame duck) in the form this client's listener sends.
    private ServerInfo ForThisListener(ServerInfo info) => _websocket is null ? info : WebsocketEndpoint.InfoFrom(info);

    /// INFO in one binary message, as nats-server 2.9.10 sends it; then the client proceeds as
    /// a TCP one that finished its TLS handshake.
    private async Task<bool> NegotiateWebsocketAsync(bool overCapacity)
    {
        _nonce = Authenticator.NonceRequired || _node.Options.Operators is not null ? Nonce.Create() : null;
        if (_websocket!.ClientCertificate is { } certificate)
        {
            _tlsIdentity = TlsClientIdentityReader.Read(certificate);
        }

        _connectUrlsVersionAtInfo = _node.ConnectUrlsVersion;
        await _stream.WriteAsync(Info.Render(Id, RemoteIp, _nonce));
        if (overCapacity)
        {
            await _stream.WriteAsync(ProtocolErrors.MaxConnections.ToArray());
            Close(ClosedReason.MaxConnectionsExceeded);
            return false;
        }

        return true;
    }
}
