using System.Net;
using System.Net.WebSockets;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Connections;
using Natrium.Gateway.WebSockets;

namespace Natrium.Gateway.Hosting;

/// The websocket listener of this gateway (the `websocket` block): started with the client
/// port, its clients counted, routed and monitored with the TCP ones.
public sealed partial class GatewayNode
{
    private WebsocketListener? _websocketListener;

    /// The websocket rules in force; null without a websocket block. Replaced whole on reload.
    internal WebsocketEndpoint? Websocket { get; private set; }

    /// Where the websocket listener is bound, once started (the real port when Port was 0).
    public IPEndPoint? WebsocketEndPoint => _websocketListener?.BoundEndPoint;

    private async Task StartWebsocketAsync()
    {
        if (Options.Websocket is not { } options)
        {
            return;
        }

        Websocket = new WebsocketEndpoint(options, Options);
        var listener = new WebsocketListener(this, Logger);
        await listener.StartAsync(options);
        _websocketListener = listener;
    }

    /// nats-server 2.9.10 reloads only the websocket TLS material; any other change, a block
    /// added or removed included, refuses the whole reload. Its line prints both blocks, their
    /// password and token too; this one names no secret.
    private string? UnsupportedWebsocketReload(GatewayOptions next)
    {
        var current = Options.Websocket;
        var wanted = next.Websocket;
        if (current is null && wanted is null)
        {
            return null;
        }

        if (current is null || wanted is null || !current.SameExceptTls(wanted with { Port = current.Port == 0 ? 0 : wanted.Port })
            || (current.Tls is null) != (wanted.Tls is null))
        {
            return $"config reload not supported for Websocket: old={WebsocketOptions.Describe(current)}, new={WebsocketOptions.Describe(wanted)}";
        }

        return null;
    }

    /// The reloaded block with the port this listener was bound on (its TLS may be new).
    private GatewayOptions ReloadWebsocket(GatewayOptions next) =>
        Options.Websocket is { } current && next.Websocket is { } wanted ? next with { Websocket = wanted with { Port = current.Port } } : next;

    private void ApplyWebsocket() => Websocket = Options.Websocket is { } options ? new WebsocketEndpoint(options, Options) : null;

    private async Task StopWebsocketAsync()
    {
        if (_websocketListener is { } listener)
        {
            await listener.DisposeAsync();
        }
    }

    /// Serves one upgraded connection until it closes.
    internal async Task ServeWebsocketAsync(WebsocketSession session)
    {
        var socket = session.Socket;
        if (_lameDuck || _stopping.IsCancellationRequested)
        {
            socket.Abort();
            return;
        }

        var id = (ulong)Interlocked.Increment(ref _nextClientId);
        try
        {
            var account = await _routing.GetAsync(AccountNames.Global);
            var client = new ClientConnection(this, session, id, account);
            await RunClientAsync(id, client);
        }
        catch (Exception e)
        {
            LogServeFailed(Logger, id, e);
            socket.Abort();
        }

        // The close handshake is done (ClientConnection.SendCloseFrameAsync) or was cut; the
        // handler's return lets Kestrel flush what is left and end the connection.
        socket.Dispose();
    }
}
