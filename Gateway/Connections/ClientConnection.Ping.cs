using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Connections;

/// Server-initiated keepalive (spec/protocol.md §8): a PING every ping_interval unless the
/// client was heard from meanwhile; after ping_max unanswered PINGs the client is stale.
internal sealed partial class ClientConnection
{
    private static ReadOnlySpan<byte> Ping => "PING\r\n"u8;

    private Timer? _pingTimer;
    private long _lastActivity;
    private int _pingsOutstanding;

    private void StartPingTimer()
    {
        var interval = _node.Options.PingInterval;
        // nats-server sends the first PING early (at most 2 s) with up to 20 % jitter.
        var first = TimeSpan.FromTicks(Math.Min(interval.Ticks, TimeSpan.FromSeconds(2).Ticks));
        first += TimeSpan.FromTicks((long)(first.Ticks * 0.2 * Random.Shared.NextDouble()));
        _pingTimer = new Timer(static state => ((ClientConnection)state!).OnPingTimer(), this, first, interval);
    }

    private void OnPingTimer()
    {
        if (IsClosed)
        {
            return;
        }

        var interval = (long)_node.Options.PingInterval.TotalMilliseconds;
        if (Environment.TickCount64 - Volatile.Read(ref _lastActivity) < interval && Volatile.Read(ref _pingsOutstanding) == 0)
        {
            return;
        }

        if (Volatile.Read(ref _pingsOutstanding) + 1 > _node.Options.PingMax)
        {
            Close(ClosedReason.StaleConnection, ProtocolErrors.StaleConnection);
            return;
        }

        Interlocked.Increment(ref _pingsOutstanding);
        Send(Ping);
    }
}
