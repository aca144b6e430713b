using System.Net.WebSockets;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Callout;
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

    /// How long the client has to answer our close frame before the connection is cut.
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private Timer? _closeHandshake;

    /// Ends a pending read from another thread. A WebSocket read is not cancelled (that aborts
    /// the WebSocket before the -ERR and the close frame are out): the close handshake that
    /// follows the write loop ends it instead.
    private void StopReading()
    {
        if (_websocket is null)
        {
            _reader?.CancelPendingRead();
        }
    }

    /// After the last write: the close frame with the status nats-server would send for the
    /// reason (or the client's own, echoed, when it closed first). Its answer ends the read loop;
    /// a client that does not answer is cut after CloseHandshakeTimeout.
    private async Task SendCloseFrameAsync()
    {
        var socket = _websocket!.Socket;
        var reason = Reason ?? ClosedReason.ClientClosed;
        try
        {
            var (status, text) = socket.CloseStatus is { } theirs
                ? (theirs, socket.CloseStatusDescription)
                : (WebsocketCloseStatus.For(reason), reason.Describe());
            if (!_abort.IsCancellationRequested && status is { } code && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var deadline = new CancellationTokenSource(CloseHandshakeTimeout);
                await socket.CloseOutputAsync(code, text, deadline.Token);
                _closeHandshake = new Timer(static s => ((WebSocket)s!).Abort(), socket, CloseHandshakeTimeout, Timeout.InfiniteTimeSpan);
                return;
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone: nothing more to tell it.
        }

        socket.Abort();
    }

    /// INFO in one binary message, as nats-server 2.9.10 sends it; then the client proceeds as
    /// a TCP one that finished its TLS handshake.
    private async Task<bool> NegotiateWebsocketAsync(bool overCapacity)
    {
        _nonce = Authenticator.NonceRequired || _node.Options.Operators is not null ? Nonce.Create() : null;
        _negotiatedTls = _websocket!.Tls;
        if (_negotiatedTls is { } negotiated && WebsocketEndpoint.Tls is { } tls
            && (_node.Options.Authorization.Callout is not null || _node.Options.Operators is not null))
        {
            _calloutTls = CalloutTlsReader.Read(negotiated, _websocket.ClientCertificate, tls);
        }

        if (_websocket.ClientCertificate is { } certificate)
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
