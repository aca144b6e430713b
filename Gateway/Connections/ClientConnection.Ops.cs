using System.Buffers;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Delivery;
using Natrium.Gateway.Permissions;
using Natrium.Gateway.Protocol;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Connections;

/// The client operations (spec/protocol.md §4–§8), called by the parser on the read loop.
internal sealed partial class ClientConnection : IClientOpHandler
{
    private static ReadOnlySpan<byte> Ok => "+OK\r\n"u8;

    private static ReadOnlySpan<byte> Pong => "PONG\r\n"u8;

    public bool OnConnect(ReadOnlySpan<byte> json)
    {
        MarkTraffic();
        var connect = ConnectParser.Parse(json);
        if (connect is null)
        {
            return Close(ClosedReason.ProtocolViolation);
        }

        if (connect.Protocol is < 0 or > 1)
        {
            return Close(ClosedReason.BadClientProtocolVersion, ProtocolErrors.InvalidClientProtocol);
        }

        if (connect.NoResponders && !connect.Headers)
        {
            return Close(ClosedReason.NoRespondersRequiresHeaders, ProtocolErrors.NoRespondersRequiresHeaders);
        }

        // Obsolete fields that nats-server refuses outright.
        if (!string.IsNullOrEmpty(connect.Account) || connect.NewAccount)
        {
            return Close(ClosedReason.AuthenticationViolation, ProtocolErrors.AuthorizationViolation);
        }

        if (_websocket?.CookieJwt is { Length: > 0 } cookie && string.IsNullOrEmpty(connect.Jwt))
        {
            // jwt_cookie: a browser cannot put the JWT in CONNECT without exposing it to scripts.
            connect.Jwt = cookie;
        }

        _connect = connect;
        LabelFromConnect(connect);
        MeasureConnectRtt();
        _parser.Headers = connect.Headers && !_node.Options.NoHeaderSupport;
        return Authenticate(connect) && AckIfVerbose();
    }

    public bool OnPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, in ReadOnlySequence<byte> payload) =>
        Publish(subject, replyTo, 0, payload);

    public bool OnHPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, int headerSize, in ReadOnlySequence<byte> message) =>
        Publish(subject, replyTo, headerSize, message);

    public bool OnSub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue, ReadOnlySpan<byte> sid)
    {
        // nats-server counts every SUB and UNSUB as activity, kept or refused.
        MarkTraffic();
        if (!SubjectValidator.IsValidSubscription(subject))
        {
            return Send(ProtocolErrors.InvalidSubject);
        }

        // Checked even without permissions: queue _sys_ is never a client's (authorization.md §4).
        if (!_permissions.CanSubscribe(subject, queue))
        {
            LogSubscribeViolation(subject, queue, sid);
            return SendQuoted(ProtocolErrors.SubscribeViolationPrefix, subject, queue);
        }

        Subscription sub;
        lock (_subscriptions)
        {
            if (_subscriptions.GetAlternateLookup<ReadOnlySpan<byte>>().ContainsKey(sid))
            {
                // nats-server keeps the original subscription and ignores the repeat.
                return AckIfVerbose();
            }

            if (SubscriptionLimit is int max && _subscriptions.Count >= max)
            {
                return Send(ProtocolErrors.MaxSubscriptions);
            }

            sub = new Subscription(this, subject.ToArray(), queue.ToArray(), sid.ToArray());
            _subscriptions[sub.Sid] = sub;
        }

        TrackInterest(_account.Add(sub));
        if (IsClosed)
        {
            // Close ran meanwhile and may have missed this one: take it back out.
            _account.Remove(sub);
        }

        return AckIfVerbose();
    }

    public bool OnUnsub(ReadOnlySpan<byte> sid, long maxMessages)
    {
        MarkTraffic();
        Subscription? sub;
        lock (_subscriptions)
        {
            _subscriptions.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(sid, out sub);
        }

        if (sub is not null)
        {
            // A delivery on another thread may claim the last message between the limit and
            // the check, so whichever of the two sees the limit reached removes it (Unsubscribe
            // removes this very object only once).
            if (maxMessages <= 0 || sub.LimitTo(maxMessages))
            {
                Unsubscribe(sub);
            }
        }

        return AckIfVerbose();
    }

    public bool OnPing()
    {
        if (_pendingInterest.IsSettled())
        {
            var sent = Send(Pong);
            OnPongSent();
            return sent;
        }

        // Stop the parser; the read loop waits for the interest and then sends the PONG.
        _deferred = AnswerOwedPongAsync;
        return false;
    }

    public bool OnPong()
    {
        MeasureRtt();
        Volatile.Write(ref _pingsOutstanding, 0);
        return true;
    }

    private bool Publish(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, int headerSize, in ReadOnlySequence<byte> message)
    {
        CountIn(message.Length);
        if (_connect.Pedantic && !SubjectValidator.IsValidLiteral(subject))
        {
            // nats-server reports it but still delivers the message.
            if (!Send(ProtocolErrors.InvalidPublishSubject))
            {
                return false;
            }
        }

        // Mappings apply before permissions: the mapped subject is the one checked (protocol.md §5).
        if (_account.Mappings is { } mappings)
        {
            var target = mappings.Map(subject, out var mapped);
            if (mapped)
            {
                return target is null || PublishChecked(target, replyTo, headerSize, message);
            }
        }

        return PublishChecked(subject, replyTo, headerSize, message);
    }

    private bool PublishChecked(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, int headerSize, in ReadOnlySequence<byte> message)
    {
        if (!_permissions.AllowsAll && !IsLastAllowedSubject(subject) && !CanPublishRemembered(subject))
        {
            // Dropped; the connection stays (spec/authorization.md §3).
            LogPublishViolation("Subject", subject);
            return SendQuoted(ProtocolErrors.PublishViolationPrefix, subject, default);
        }

        if (ReservedReply.IsReserved(replyTo))
        {
            LogPublishViolation("Reply", replyTo);
            return SendQuoted(ProtocolErrors.ReplyViolationPrefix, replyTo, default);
        }

        if (_connect.Verbose && !Send(Ok))
        {
            return false;
        }

        if (SubjectMatcher.HasEmptyToken(subject))
        {
            // nats-server drops it silently: a subject with an empty token matches nothing.
            return true;
        }

        var delivered = MessageRouter.Publish(this, _account, subject, replyTo, headerSize, message);
        if (delivered == 0 && !replyTo.IsEmpty && _connect.NoResponders)
        {
            SendNoResponders(replyTo);
        }

        return true;
    }

    /// 503 to the requester's own subscription on its reply subject (spec/protocol.md §13).
    private void SendNoResponders(ReadOnlySpan<byte> replyTo)
    {
        foreach (var sub in _account.Match(replyTo).Plain)
        {
            if (sub.Client == this)
            {
                var status = new ReadOnlySequence<byte>(NoRespondersStatus);
                Deliver(sub, replyTo, default, NoRespondersStatus.Length, status);
                return;
            }
        }
    }

    private static readonly byte[] NoRespondersStatus = "NATS/1.0 503\r\n\r\n"u8.ToArray();

    /// The client's current subscription with this sid, if any (monitoring, tests).
    internal Subscription? FindSubscription(ReadOnlySpan<byte> sid)
    {
        lock (_subscriptions)
        {
            return _subscriptions.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(sid, out var sub) ? sub : null;
        }
    }

    /// Removes this exact subscription, from any thread. The sid may meanwhile name a newer
    /// subscription (UNSUB then SUB with the same sid while a delivery reached the old one's
    /// limit): that one is left alone, in the client's table and in the trie alike (issue #10).
    private void Unsubscribe(Subscription sub)
    {
        lock (_subscriptions)
        {
            if (!_subscriptions.TryGetValue(sub.Sid, out var current) || !ReferenceEquals(current, sub))
            {
                return;
            }

            _subscriptions.Remove(sub.Sid);
        }

        TrackInterest(_account.Remove(sub));
    }

    private void TrackInterest(Task? pending) => _pendingInterest.Add(pending);

    private async Task AnswerOwedPongAsync()
    {
        await Task.WhenAll(_pendingInterest.TakeAll()).WaitAsync(_closing.Token);
        Send(Pong);
        OnPongSent();
    }

    private bool AckIfVerbose() => !_connect.Verbose || Send(Ok);

    /// Publishers mostly repeat one subject: the last subject allowed is remembered, so a
    /// repeat costs one short comparison instead of a cache lookup. Read loop only.
    /// The memory belongs to one compiled permission set: a reload that replaces the set
    /// (on another thread) invalidates it without any reset racing this loop.
    private bool IsLastAllowedSubject(ReadOnlySpan<byte> subject) =>
        ReferenceEquals(_lastAllowedFor, _permissions)
        && _lastAllowedLength == subject.Length
        && subject.SequenceEqual(_lastAllowed.AsSpan(0, _lastAllowedLength));

    private bool CanPublishRemembered(ReadOnlySpan<byte> subject)
    {
        var permissions = _permissions;
        if (!permissions.CanPublish(subject))
        {
            return false;
        }

        // Only a plain allow is remembered; a reply-slot allowance must be checked every time.
        if (permissions.Responses is null && subject.Length <= 256)
        {
            _lastAllowedFor = permissions;
            if (_lastAllowed.Length < subject.Length)
            {
                _lastAllowed = new byte[Math.Max(64, subject.Length)];
            }

            subject.CopyTo(_lastAllowed);
            _lastAllowedLength = subject.Length;
        }

        return true;
    }

    private byte[] _lastAllowed = [];
    private int _lastAllowedLength = -1;
    private ClientPermissions? _lastAllowedFor;
}
