using Natrium.Gateway.Connections;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Delivery;

/// Receives message batches of one account from other gateways. Orleans does not promise
/// that one-way calls arrive in order, so batches carry a per-sender sequence number and are
/// delivered strictly in that order; early arrivals wait for the gap to fill.
internal sealed class RemoteBatchReceiver(AccountRouting account)
{
    private readonly Dictionary<string, SenderState> _senders = new(StringComparer.Ordinal);

    public void Receive(string sourceGatewayId, long sequence, byte[] batch)
    {
        SenderState state;
        lock (_senders)
        {
            if (!_senders.TryGetValue(sourceGatewayId, out state!))
            {
                state = new SenderState();
                _senders[sourceGatewayId] = state;
            }
        }

        lock (state)
        {
            if (sequence != state.Expected)
            {
                if (sequence > state.Expected)
                {
                    state.Early[sequence] = batch;
                }

                return;
            }

            Deliver(batch);
            state.Expected++;
            while (state.Early.Remove(state.Expected, out var next))
            {
                Deliver(next);
                state.Expected++;
            }
        }
    }

    /// The sender's node was declared dead: what waited behind a gap it will never fill goes.
    public void Forget(string sourceGatewayId)
    {
        lock (_senders)
        {
            _senders.Remove(sourceGatewayId);
        }
    }

    private void Deliver(byte[] batch)
    {
        var flushLater = t_flushLater ??= [];
        var reader = new MessageBatchReader(batch);
        Connections.ClientConnection.BeginTrafficPass();
        try
        {
            while (reader.MoveNext())
            {
                MessageRouter.DeliverFromRemote(account, ref reader, flushLater);
            }
        }
        finally
        {
            Connections.ClientConnection.EndTrafficPass();
        }

        OutboundBuffer.SignalAll(flushLater);
    }

    [ThreadStatic]
    private static List<OutboundBuffer>? t_flushLater;

    private sealed class SenderState
    {
        public long Expected { get; set; } = 1;

        public SortedDictionary<long, byte[]> Early { get; } = new();
    }
}
