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

    /// The UNSUB <sid> <max> limit; 0 when there is none.
    public long MaxMessages => Volatile.Read(ref _maxMessages);

    /// Set by UNSUB <sid> <max>: the subscription ends after that many deliveries. Returns
    /// true when that many have already been claimed, so the caller removes it now.
    public bool LimitTo(long maxMessages)
    {
        // Exchange is a full fence: the read of _delivered below cannot move before the write.
        Interlocked.Exchange(ref _maxMessages, maxMessages);
        return Volatile.Read(ref _delivered) >= maxMessages;
    }

    /// Claims one delivery. Returns false when the limit was already used up; sets
    /// reachedLimit on the delivery that uses the last one. The claim is counted before the
    /// limit is read (Increment is a full fence), so a limit set concurrently is either seen
    /// here or sees this claim in LimitTo: the subscription is never left at its limit
    /// without anyone removing it.
    public bool TryClaimDelivery(out bool reachedLimit)
    {
        var n = Interlocked.Increment(ref _delivered);
        var max = Volatile.Read(ref _maxMessages);
        reachedLimit = max > 0 && n == max;
        return max <= 0 || n <= max;
    }
}
