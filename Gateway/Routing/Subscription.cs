using Natrium.Gateway.Connections;

namespace Natrium.Gateway.Routing;

/// One SUB of one client. Immutable but for the auto-unsubscribe counters, which any
/// publishing thread may advance.
internal sealed class Subscription(ClientConnection client, byte[] subject, byte[] queue, byte[] sid)
{
    private long _maxMessages;
    private long _delivered;

    public ClientConnection Client { get; } = client;

    public byte[] Subject { get; } = subject;

    /// Empty for a plain subscription.
    public byte[] Queue { get; } = queue;

    public byte[] Sid { get; } = sid;

    public bool IsQueue => Queue.Length > 0;

    public long Delivered => Volatile.Read(ref _delivered);

    /// Set by UNSUB <sid> <max>: the subscription ends after that many deliveries.
    public void LimitTo(long maxMessages) => Volatile.Write(ref _maxMessages, maxMessages);

    /// Claims one delivery. Returns false when the limit was already used up; sets
    /// reachedLimit on the delivery that uses the last one.
    public bool TryClaimDelivery(out bool reachedLimit)
    {
        var max = Volatile.Read(ref _maxMessages);
        var n = Interlocked.Increment(ref _delivered);
        reachedLimit = max > 0 && n == max;
        return max <= 0 || n <= max;
    }
}
