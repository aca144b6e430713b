using Natrium.Gateway.Connections;

namespace Natrium.Gateway.Hosting;

/// This gateway's part of lame duck mode (spec/monitoring_cluster.md §12): stop accepting,
/// announce `ldm` to the clients and leave the cluster's client URL directory, then let the
/// process close the clients one at a time (Silo/LameDuck/LameDuckMode runs the sequence).
public sealed partial class GatewayNode
{
    private volatile bool _lameDuck;

    /// Closes the listener, so new connections are refused at once; returns once the accept loop
    /// has ended.
    public async Task StopAcceptingAsync()
    {
        _lameDuck = true;
        _listener?.Dispose();
        if (_websocketListener is { } websocket)
        {
            await websocket.StopAcceptingAsync();
        }

        if (_acceptLoop is not null)
        {
            await _acceptLoop;
        }
    }

    /// Sends every client that takes an async INFO one with `"ldm":true` and only the other
    /// nodes' URLs (as nats-server: later INFOs leave `ldm` out and this URL too), and leaves the
    /// directory, so the other nodes' clients learn at their next check-in that this node is gone.
    public async Task AnnounceLameDuckAsync()
    {
        // No check-in may put this URL back first.
        await StopCheckInsAsync();
        var own = ClientUrl;
        var ownWebsocket = WebsocketUrl;
        _connectUrls = [.. _connectUrls.Where(url => url != own)];
        Info = Info with { ConnectUrls = _connectUrls, WebsocketConnectUrls = [.. Info.WebsocketConnectUrls.Where(url => url != ownWebsocket)] };
        var announcement = Info with { LameDuckMode = true };
        foreach (var client in _clients.Values)
        {
            client.SendAsyncInfo(announcement);
        }

        await LeaveClusterAsync();
    }

    /// Closes one open client as a shutdown does (no -ERR, reason Server Shutdown); false when
    /// none is left.
    public bool CloseOneClient()
    {
        foreach (var client in _clients.Values)
        {
            if (!client.IsClosed)
            {
                client.Close(ClosedReason.ServerShutdown);
                return true;
            }
        }

        return false;
    }
}
