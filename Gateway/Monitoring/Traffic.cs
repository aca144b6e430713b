namespace Natrium.Gateway.Monitoring;

/// Messages and bytes a server (or one account on it) read from clients and delivered to them,
/// and how many of its clients were cut as slow consumers: /varz's in_*/out_*/slow_consumers,
/// /accstatz's received/sent, statsz, and /metrics. Bytes are payload bytes, as nats-server counts.
internal readonly record struct Traffic(long InMsgs, long InBytes, long OutMsgs, long OutBytes, long SlowConsumers)
{
    public static Traffic operator +(Traffic a, Traffic b) => new(
        a.InMsgs + b.InMsgs, a.InBytes + b.InBytes, a.OutMsgs + b.OutMsgs, a.OutBytes + b.OutBytes, a.SlowConsumers + b.SlowConsumers);
}

/// One account's traffic on a server, with its open client connections there.
internal readonly record struct AccountTraffic(string Account, int Connections, Traffic Traffic);

/// The final counters of connections that have closed, added once per close: with the open
/// connections' own counters they give totals since start without any shared counter on the
/// message path (each connection counts for itself, as it does for /connz).
internal sealed class RetiredTraffic
{
    private long _inMsgs;
    private long _inBytes;
    private long _outMsgs;
    private long _outBytes;
    private long _slowConsumers;

    public Traffic Total => new(
        Interlocked.Read(ref _inMsgs), Interlocked.Read(ref _inBytes), Interlocked.Read(ref _outMsgs), Interlocked.Read(ref _outBytes),
        Interlocked.Read(ref _slowConsumers));

    public void Add(ConnectionSnapshot closed, bool slowConsumer)
    {
        Interlocked.Add(ref _inMsgs, closed.InMessages);
        Interlocked.Add(ref _inBytes, closed.InBytes);
        Interlocked.Add(ref _outMsgs, closed.OutMessages);
        Interlocked.Add(ref _outBytes, closed.OutBytes);
        if (slowConsumer)
        {
            Interlocked.Increment(ref _slowConsumers);
        }
    }
}
