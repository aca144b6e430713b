using Microsoft.Extensions.Logging;
using Natrium.Gateway.Protocol;
using Natrium.Gateway.Routing;

namespace Natrium.Gateway.Connections;

/// Ending a connection: from the read loop, the write loop, a publisher that found this
/// client too slow, the ping timer, or server shutdown. Only the first call counts.
internal sealed partial class ClientConnection
{
    /// Delivers one message to one of this client's subscriptions. Called from any thread.
    /// When this wakes the writer, the buffer goes on flushLater, which the caller signals once
    /// it is done delivering; with no list, the writer is woken at once.
    public bool Deliver(Subscription sub, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> reply, int headerSize, in System.Buffers.ReadOnlySequence<byte> message, List<OutboundBuffer>? flushLater = null)
    {
        if (!_permissions.AllowsAll)
        {
            // A wildcard subscription may overlap a deny entry (spec/authorization.md §5).
            if (_permissions.HasSubscribeDeny && _permissions.IsDeliveryDenied(subject, sub.Queue))
            {
                return false;
            }

            // A responder may answer this request once its reply subject is recorded (§6).
            if (!reply.IsEmpty && _permissions.Responses is { } responses)
            {
                responses.RecordRequest(reply);
            }
        }

        if (!sub.TryClaimDelivery(out var reachedLimit))
        {
            return false;
        }

        var written = _out.TryWriteMessage(subject, sub.Sid, reply, headerSize, message, _parser.Headers, out var wake);
        if (wake)
        {
            if (flushLater is null)
            {
                _out.Signal();
            }
            else
            {
                flushLater.Add(_out);
            }
        }

        if (!written)
        {
            if (!_out.IsClosed)
            {
                // Over max_pending: cut only this client, without -ERR, as nats-server does.
                Close(ClosedReason.SlowConsumerPendingBytes, abort: true);
            }

            return false;
        }

        _trace?.OutMessage(subject, sub.Sid, reply, headerSize, message.Length);
        if (reachedLimit)
        {
            Unsubscribe(sub);
        }

        CountOut(message.Length);
        return true;
    }

    /// Sends -ERR text (if any), stops reading, lets the writer drain (unless abort), and
    /// removes every subscription. Returns false so parser callbacks can `return Close(...)`.
    public bool Close(ClosedReason reason, ReadOnlySpan<byte> error = default, bool abort = false)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return false;
        }

        Reason = reason;
        if (!error.IsEmpty)
        {
            _out.TryWrite(error);
        }

        if (abort)
        {
            // Before the buffer closes: the writer it wakes must see the abort and stop.
            _abort.Cancel();
        }

        _out.Close();
        _closing.Cancel();

        _pingTimer?.Dispose();
        _authTimer?.Dispose();
        StopReading();
        // Kept for /connz?state=closed, which lists what a closed client was subscribed to.
        _subscriptionsAtClose = RemoveAllSubscriptions();
        LeaveAccount();
        if (_authenticated && _user is not null && _node.Events is { } events)
        {
            // Close may run inside a delivery (slow consumer): publish the event afterwards,
            // never from within another message's routing.
            var description = reason.Describe();
            ThreadPool.QueueUserWorkItem(_ => events.Disconnected(this, description));
        }

        LogClose(reason);
        return false;
    }

    private void OnParseFailure(ParseStatus status)
    {
        switch (status)
        {
            case ParseStatus.UnknownOperation:
                Close(ClosedReason.ParseError, ProtocolErrors.UnknownOperation);
                break;
            case ParseStatus.MaxControlLineExceeded:
                Close(ClosedReason.MaxControlLineExceeded, ProtocolErrors.MaxControlLine);
                break;
            case ParseStatus.MaxPayloadExceeded:
                Close(ClosedReason.MaxPayloadExceeded, ProtocolErrors.MaxPayload);
                break;
            case ParseStatus.ProtocolViolation:
                Close(ClosedReason.ProtocolViolation);
                break;
            case ParseStatus.ClientError:
                Close(ClosedReason.ClientClosed);
                break;
            default:
                Close(ClosedReason.ClientClosed);
                break;
        }
    }

    /// Returns what was removed.
    private Subscription[] RemoveAllSubscriptions()
    {
        Subscription[] subs;
        lock (_subscriptions)
        {
            subs = [.. _subscriptions.Values];
            _subscriptions.Clear();
        }

        foreach (var sub in subs)
        {
            _account.Remove(sub);
        }

        return subs;
    }

    /// After both loops have ended: release the socket and leave the gateway's registry.
    private void Shutdown()
    {
        // Leave the registry first, so the close and its reason are recorded before the peer
        // sees the socket go.
        _node.Remove(this);
        try
        {
            _socket?.Shutdown(System.Net.Sockets.SocketShutdown.Both);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _socket?.Dispose();
        _closeHandshake?.Dispose();
        _stream.Dispose();
        _abort.Dispose();
        _closing.Dispose();
        _writeDeadline.Dispose();
    }

    private bool Send(ReadOnlySpan<byte> bytes)
    {
        _trace?.Out(bytes);
        if (_out.TryWrite(bytes))
        {
            return true;
        }

        return !_out.IsClosed ? Close(ClosedReason.SlowConsumerPendingBytes, abort: true) : false;
    }

    /// -ERR '<prefix>"<subject>"[ using queue "<queue>"]' with Go-style quoting.
    private bool SendQuoted(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue)
    {
        var line = new List<byte>(prefix.Length + subject.Length + 32);
        line.AddRange(prefix);
        line.AddRange(QuotedSubject.Format(subject));
        if (!queue.IsEmpty)
        {
            line.AddRange(ProtocolErrors.QueueSuffix);
            line.AddRange(QuotedSubject.Format(queue));
        }

        line.AddRange(ProtocolErrors.Terminator);
        return Send(line.ToArray());
    }
}
