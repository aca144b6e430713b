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

        _connect = connect;
        _parser.Headers = connect.Headers && !_node.Options.NoHeaderSupport;
        return Authenticate(connect) && AckIfVerbose();
    }

    public bool OnPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, in ReadOnlySequence<byte> payload) =>
        EnsureAuthenticated() && Publish(subject, replyTo, 0, payload);

    public bool OnHPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, int headerSize, in ReadOnlySequence<byte> message) =>
        EnsureAuthenticated() && Publish(subject, replyTo, headerSize, message);

    public bool OnSub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue, ReadOnlySpan<byte> sid)
    {
        if (!EnsureAuthenticated())
        {
            return false;
        }

        if (!SubjectValidator.IsValidSubscription(subject))
        {
            return Send(ProtocolErrors.InvalidSubject);
        }

        // Checked even without permissions: queue _sys_ is never a client's (authorization.md §4).
        if (!_permissions.CanSubscribe(subject, queue))
        {
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

            var max = MaxSubscriptions;
            if (max > 0 && _subscriptions.Count >= max)
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
        if (!EnsureAuthenticated())
        {
            return false;
        }

        Subscription? sub;
        lock (_subscriptions)
        {
            _subscriptions.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(sid, out sub);
        }

        if (sub is not null)
        {
            if (maxMessages > 0 && maxMessages > sub.Delivered)
            {
                sub.LimitTo(maxMessages);
            }
            else
            {
                Unsubscribe(sub);
            }
        }

        return AckIfVerbose();
    }

    public bool OnPing()
    {
        if (!EnsureAuthenticated())
        {
            return false;
        }

        PruneSettledInterest();
        if (_pendingInterest.Count == 0)
        {
            var sent = Send(Pong);
            SendInfoIfPayloadDiffers();
            return sent;
        }

        // Stop the parser; the read loop waits for the interest and then sends the PONG.
        _deferred = AnswerOwedPongAsync;
        return false;
    }

    public bool OnPong()
    {
        if (!EnsureAuthenticated())
        {
            return false;
        }

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
            return SendQuoted(ProtocolErrors.PublishViolationPrefix, subject, default);
        }

        if (ReservedReply.IsReserved(replyTo))
        {
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

    private void Unsubscribe(Subscription sub)
    {
        lock (_subscriptions)
        {
            if (!_subscriptions.Remove(sub.Sid))
            {
                return;
            }
        }

        TrackInterest(_account.Remove(sub));
    }

    private void TrackInterest(Task? pending)
    {
        if (pending is not null && !pending.IsCompleted)
        {
            lock (_pendingInterest)
            {
                if (!_pendingInterest.Contains(pending))
                {
                    _pendingInterest.Add(pending);
                }
            }
        }
    }

    private void PruneSettledInterest()
    {
        lock (_pendingInterest)
        {
            _pendingInterest.RemoveAll(t => t.IsCompleted);
        }
    }

    private async Task AnswerOwedPongAsync()
    {
        Task[] pending;
        lock (_pendingInterest)
        {
            pending = [.. _pendingInterest];
            _pendingInterest.Clear();
        }

        await Task.WhenAll(pending).WaitAsync(_abort.Token);
        Send(Pong);
        SendInfoIfPayloadDiffers();
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
