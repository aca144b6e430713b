using System.Diagnostics;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Monitoring;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Connections;

/// What /connz shows of this connection, read from counters it keeps anyway: monitoring adds
/// nothing to the publish and delivery paths. Called from any thread.
internal sealed partial class ClientConnection
{
    private Subscription[]? _subscriptionsAtClose;
    private readonly long _createdTimestamp = Stopwatch.GetTimestamp();

    // The read pass now parsing on this thread (its Stopwatch time), 0 outside one: what a
    // delivery made while parsing a publisher's bytes stamps on its subscriber.
    [ThreadStatic]
    private static long t_readStamp;

    // Stopwatch time of the last traffic (/connz last_activity), nats-server's c.last: CONNECT,
    // a message or a SUB/UNSUB read from the client, or a message delivered to it. PING and
    // PONG are not traffic (the ping timer has _lastActivity for those).
    private long _lastTraffic = Stopwatch.GetTimestamp();

    /// Bytes waiting to be written to this client.
    public long PendingBytes => _out.Pending;

    /// When the client last had traffic (_lastTraffic), on Started's clock so that it reads the
    /// same in every request.
    public DateTimeOffset LastActivity => Started + Stopwatch.GetElapsedTime(_createdTimestamp, Math.Max(_createdTimestamp, Volatile.Read(ref _lastTraffic)));

    /// Every delivery made on this thread until EndTrafficPass is stamped with one clock reading:
    /// a publisher's read pass, a batch from another gateway.
    internal static void BeginTrafficPass() => t_readStamp = Stopwatch.GetTimestamp();

    internal static void EndTrafficPass() => t_readStamp = 0;

    /// Stamps traffic with the time of the read pass that carried it: this client's own (read
    /// loop), or for a delivery its publisher's, as nats-server stamps the subscribers it
    /// flushes for a publisher. Deliveries made outside a pass (grains) read the clock.
    private void MarkTraffic()
    {
        var stamp = t_readStamp;
        Volatile.Write(ref _lastTraffic, stamp != 0 ? stamp : Stopwatch.GetTimestamp());
    }

    /// This connection now; stop is set for a closed one (then the subscriptions it had).
    public ConnectionSnapshot Snapshot(DateTimeOffset? stop = null)
    {
        var grant = _jwtGrant;
        var tls = _negotiatedTls;
        var account = AccountName;
        return new ConnectionSnapshot
        {
            Cid = Id,
            Type = ClientType,
            Ip = RemoteIp,
            Port = RemotePort,
            Start = Started,
            LastActivity = LastActivity,
            Stop = stop,
            Reason = stop is null ? null : Reason?.Describe() ?? string.Empty,
            Rtt = Rtt,
            PendingBytes = stop is null ? PendingBytes : 0,
            InMessages = InMessages,
            OutMessages = OutMessages,
            InBytes = InBytes,
            OutBytes = OutBytes,
            Name = Name,
            Lang = Lang,
            Version = Version,
            TlsVersion = tls?.VersionName,
            TlsCipherSuite = tls?.CipherName,
            TlsPeerCertificates = stop is null ? tls?.PeerCertificates ?? [] : [],
            AuthorizedUser = grant?.UserKey ?? (User?.DisplayName is { Length: > 0 } user ? user : null),
            Account = account,
            Authenticated = IsAuthenticated,
            Jwt = grant is null ? null : _connect.Jwt,
            IssuerKey = grant?.IssuerKey,
            NameTag = grant?.Name,
            Tags = grant?.Tags ?? [],
            Subscriptions = [.. CurrentSubscriptions().Select(s => Describe(s, account))],
        };
    }

    private Subscription[] CurrentSubscriptions()
    {
        if (Volatile.Read(ref _subscriptionsAtClose) is { } atClose)
        {
            return atClose;
        }

        lock (_subscriptions)
        {
            return [.. _subscriptions.Values];
        }
    }

    private SubscriptionSnapshot Describe(Subscription sub, string account) => new(
        account,
        SubjectText.FromBytes(sub.Subject),
        sub.IsQueue ? SubjectText.FromBytes(sub.Queue) : null,
        SubjectText.FromBytes(sub.Sid),
        // Claimed deliveries, capped at the limit: a claim past it was refused.
        sub.MaxMessages > 0 ? Math.Min(sub.Delivered, sub.MaxMessages) : sub.Delivered,
        sub.MaxMessages,
        Id);
}
