using System.Diagnostics;
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
    private long _rttStart;
    private long _rttTicks;

    /// The last measured round trip (server PING to client PONG); zero before the first.
    public TimeSpan Rtt => TimeSpan.FromTicks(Volatile.Read(ref _rttTicks));

    /// The first CONNECT: nats-server's first rtt is the time from the connection's start (its
    /// INFO) to the CONNECT, until a PONG gives a real one.
    private void MeasureConnectRtt()
    {
        if (Volatile.Read(ref _rttTicks) == 0)
        {
            Volatile.Write(ref _rttTicks, Math.Max(1, Stopwatch.GetElapsedTime(_createdTimestamp).Ticks));
        }
    }

    /// A PONG arrived: it answers the oldest outstanding server PING, if any.
    private void MeasureRtt()
    {
        var started = Interlocked.Exchange(ref _rttStart, 0);
        if (started != 0)
        {
            Volatile.Write(ref _rttTicks, Stopwatch.GetElapsedTime(started).Ticks);
        }
    }

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

        if (Interlocked.Increment(ref _pingsOutstanding) == 1)
        {
            // Round trip measured from the first unanswered PING, as nats-server's rtt.
            Volatile.Write(ref _rttStart, Stopwatch.GetTimestamp());
        }

        Send(Ping);
    }
}
