using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Natrium.Gateway.WebSockets;

/// Kestrel's socket transport, with a way to close the listening socket alone: lame duck mode
/// stops new websocket clients while the open ones are closed one by one. Kestrel's own stop
/// would unbind and end every upgraded connection at once. Kestrel's accept loop ends when
/// AcceptAsync returns null, which the unbound socket listener does.
internal sealed class UnbindableListenerFactory(IConnectionListenerFactory transport) : IConnectionListenerFactory
{
    private readonly List<IConnectionListener> _listeners = [];

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listener = await transport.BindAsync(endpoint, cancellationToken);
        lock (_listeners)
        {
            _listeners.Add(listener);
        }

        return listener;
    }

    /// Closes every listening socket; accepted connections go on.
    public async Task UnbindAllAsync()
    {
        IConnectionListener[] listeners;
        lock (_listeners)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            await listener.UnbindAsync();
        }
    }
}
