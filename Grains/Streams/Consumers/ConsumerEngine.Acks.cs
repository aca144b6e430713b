using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams.Consumers;

/// Acks published to `$JS.ACK.…` (processAck/processAckMsg/processNak/processTerm in
/// consumer.go; spec/jetstream.md §6).
internal sealed partial class ConsumerEngine
{
    public long NumAckPending => _pending.Count;

    /// One ack: `ackSubject` is the subject it was published to, `body` its payload (headers
    /// excluded), `reply` its reply subject. A reply gets an empty message whatever the body
    /// (double ack; seen on 2.9.10 for +ACK, +WPI, -NAK and "hello"), except for +NXT, whose
    /// reply takes the new pull instead, and for a subject that is not a v1 ack subject.
    public void Ack(string ackSubject, ReadOnlySpan<byte> body, string? reply, long now, List<ConsumerOutput> outputs)
    {
        if (_deleted || !AckSubject.TryParse(ackSubject, out var info))
        {
            return;
        }

        var kind = AckBody.Classify(body);
        var wasAtMaxAckPending = _config.MaxAckPending > 0 && _pending.Count >= _config.MaxAckPending;
        switch (kind)
        {
            case AckKind.Ack:
            case AckKind.Next:
                AckMessage(info.StreamSeq, info.ConsumerSeq, now);
                break;
            case AckKind.Nak:
                Nak(info, AckBody.NakDelay(body), now, outputs);
                break;
            case AckKind.Progress:
                WorkInProgress(info.StreamSeq, now);
                break;
            case AckKind.Term:
                AckMessage(info.StreamSeq, info.ConsumerSeq, now);
                outputs.Add(Advisories.Terminated(Stream, Name, info.ConsumerSeq, info.StreamSeq, info.Deliveries, now));
                break;
        }

        // Any ack activity keeps a consumer with inactive_threshold alive (suppressDeletion).
        _lastActivity = now;
        _inactiveSince = now;

        if (kind == AckKind.Next)
        {
            Pull(AckBody.NextArgument(body), reply, now, outputs);
            return;
        }

        if (!string.IsNullOrEmpty(reply))
        {
            outputs.Add(new SendReply(reply, []));
        }

        if (kind == AckKind.Nak || (wasAtMaxAckPending && _pending.Count < _config.MaxAckPending))
        {
            DeliverAvailable(now, outputs);
        }
    }

    /// An ack (also +TERM and +NXT). Explicit: see AckExplicit. All: everything up to it,
    /// unless at or below the floor already. None: nothing.
    private void AckMessage(ulong streamSeq, ulong consumerSeq, long now)
    {
        switch (_config.AckPolicy)
        {
            case AckPolicy.Explicit:
                AckExplicit(streamSeq, consumerSeq);
                _lastAckAt = now;
                break;
            case AckPolicy.All:
                if (consumerSeq <= _ackFloorConsumerSeq || streamSeq <= _ackFloorStreamSeq)
                {
                    return;
                }

                RecordAcked(_ackFloorStreamSeq + 1, streamSeq);
                _ackFloorConsumerSeq = consumerSeq;
                _ackFloorStreamSeq = streamSeq;
                ForgetThrough(streamSeq);
                _lastAckAt = now;
                break;
        }
    }

    /// Drops the message from pending and moves the floor as processAckMsg does: to delivered
    /// when nothing is pending; else only when the acked message is the one just above the
    /// floor (by the consumer sequence of its first delivery), then up to just below the next
    /// pending one. Seen on 2.9.10: acking 3, 1, 2 of 3 moved it 0 → 1 → 3; after max_deliver
    /// dropped message 1, acking 2 left it at 0 while 3 and 4 were pending.
    private void AckExplicit(ulong streamSeq, ulong consumerSeq)
    {
        if (_pending.Remove(streamSeq, out var entry))
        {
            consumerSeq = entry.ConsumerSeq;
        }

        // Every ack asks the stream to check retention, pending or not (processAckMsg calls
        // mset.ackMsg either way): a late ack of a message max_deliver dropped removes it.
        RecordAcked(streamSeq, streamSeq);

        _redelivered.Remove(streamSeq);
        _redeliveries.Remove(streamSeq);
        if (_pending.Count == 0)
        {
            _ackFloorConsumerSeq = _nextConsumerSeq - 1;
            _ackFloorStreamSeq = _nextStreamSeq - 1;
        }
        else if (consumerSeq == _ackFloorConsumerSeq + 1)
        {
            _ackFloorConsumerSeq = consumerSeq;
            _ackFloorStreamSeq = streamSeq;
            if (NextPendingAbove(streamSeq) is var next and not 0)
            {
                _pending.TryGet(next, out var nextEntry);
                _ackFloorConsumerSeq = nextEntry.ConsumerSeq - 1;
                _ackFloorStreamSeq = next - 1;
            }
        }
    }

    /// The lowest pending stream sequence above `streamSeq`, 0 when none: O(1) in the usual
    /// case where nothing lower is pending, else a walk up the stream like nats-server's.
    private ulong NextPendingAbove(ulong streamSeq)
    {
        var first = _pending.First;
        if (first > streamSeq || first == 0)
        {
            return first;
        }

        for (var seq = streamSeq + 1; seq < _nextStreamSeq; seq++)
        {
            if (_pending.Contains(seq))
            {
                return seq;
            }
        }

        return 0;
    }

    /// -NAK: redeliver at the next chance, or after the delay (`{"delay":ns}` or a Go
    /// duration); ignored unless pending. Publishes MSG_NAKED either way (shape seen on 2.9.10).
    private void Nak(AckInfo info, long? delay, long now, List<ConsumerOutput> outputs)
    {
        var seq = info.StreamSeq;
        if (info.ConsumerSeq <= _ackFloorConsumerSeq || info.ConsumerSeq >= _nextConsumerSeq || !_pending.Contains(seq))
        {
            return;
        }

        outputs.Add(Advisories.Nak(Stream, Name, info.ConsumerSeq, seq, info.Deliveries, now));
        if (delay is { } wait)
        {
            _redeliveries.Remove(seq);
            _pending.Touch(seq, now - AckWaitFor(seq) + wait, now + wait);
            return;
        }

        _pending.Park(seq);
        _redeliveries.Enqueue(seq);
    }

    /// +WPI: ack_wait (or the current backoff step) starts again from now.
    private void WorkInProgress(ulong streamSeq, long now)
    {
        if (_pending.Contains(streamSeq) && !_redeliveries.Contains(streamSeq))
        {
            _pending.Touch(streamSeq, now, now + AckWaitFor(streamSeq));
        }
    }

    /// Drops every pending message ≤ streamSeq with its redelivery state.
    private void ForgetThrough(ulong streamSeq)
    {
        _scratch.Clear();
        _pending.RemoveThrough(streamSeq, _scratch);
        foreach (var seq in _scratch)
        {
            _redelivered.Remove(seq);
            _redeliveries.Remove(seq);
        }
    }
}
