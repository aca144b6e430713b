using Natrium.Gateway.Monitoring;

namespace Natrium.Gateway.Connections;

/// What monitoring and system events report about a connection: identity from CONNECT and
/// message counters (in: read loop only; out: any delivering thread, so atomic).
internal sealed partial class ClientConnection
{
    private long _inMessages;
    private long _inBytes;
    private long _outMessages;
    private long _outBytes;

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public string AccountName => _account.Name;

    public string? Name => _connect.Name;

    public string? Lang => _connect.Lang;

    public string? Version => _connect.Version;

    public long InMessages => Volatile.Read(ref _inMessages);

    public long InBytes => Volatile.Read(ref _inBytes);

    public long OutMessages => Volatile.Read(ref _outMessages);

    public long OutBytes => Volatile.Read(ref _outBytes);

    /// Logged in (CONNECT accepted, or the no_auth_user): only then does it count for its account.
    public bool IsAuthenticated => Volatile.Read(ref _authenticated);

    /// Its final counters are in the gateway's totals (GatewayNode.Traffic); set under that lock.
    public bool Retired { get; set; }

    /// Subscriptions held now (/varz, statsz, /metrics), without copying them as Snapshot does.
    public int SubscriptionCount
    {
        get
        {
            lock (_subscriptions)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// This connection's counters as server and account totals add them up.
    public Traffic Traffic => new(InMessages, InBytes, OutMessages, OutBytes, 0);

    private void CountIn(long bytes)
    {
        _inMessages++;
        _inBytes += bytes;
        MarkTraffic();
    }

    private void CountOut(long bytes)
    {
        Interlocked.Increment(ref _outMessages);
        Interlocked.Add(ref _outBytes, bytes);
        MarkTraffic();
    }
}
