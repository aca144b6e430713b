using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Streams.Consumers;

/// Delivery (loopAndGatherMsgs/getNextMsg/deliverMsg in consumer.go): redeliveries first, then
/// the last_per_subject skip list, then new messages, while a target takes them.
internal sealed partial class ConsumerEngine
{
    private enum StopReason
    {
        EndOfStream,
        NoTarget,
        MaxAckPending,
        Replay,
    }

    /// Sends whatever can go now. Cheap when nobody waits: the first check stops it.
    private void DeliverAvailable(long now, List<ConsumerOutput> outputs)
    {
        if (_deleted)
        {
            return;
        }

        StopReason stop;
        while (true)
        {
            if (!HasTarget())
            {
                stop = StopReason.NoTarget;
                break;
            }

            if (!TryNextCandidate(now, outputs, out var candidate, out stop))
            {
                break;
            }

            if (MustWaitForReplay(candidate, now))
            {
                stop = StopReason.Replay;
                break;
            }

            if (!TryDeliver(candidate, now, outputs))
            {
                stop = StopReason.NoTarget;
                break;
            }
        }

        if (_replaying && _nextStreamSeq > _replayUntil)
        {
            _replaying = false;
        }

        // A no_wait pull that got something ends with 408 once nothing more can come, but not
        // while max_ack_pending holds delivery back (processWaiting(eos) in consumer.go).
        if (!_config.IsPush && stop is StopReason.EndOfStream or StopReason.NoTarget)
        {
            ProcessWaiting(now, endOfStream: true, force: false, outputs);
        }
    }

    private bool HasTarget() => _config.IsPush
        ? _interest && _flow is not { IsStalled: true }
        : _waiting is { Count: > 0 };

    private bool TryNextCandidate(long now, List<ConsumerOutput> outputs, out DeliveryCandidate candidate, out StopReason stop)
    {
        stop = StopReason.EndOfStream;
        if (TryNextRedelivery(now, outputs, out candidate))
        {
            return true;
        }

        if (_config.AckPolicy != AckPolicy.None && _config.MaxAckPending > 0 && _pending.Count >= _config.MaxAckPending)
        {
            stop = StopReason.MaxAckPending;
            return false;
        }

        if (_skipList is not null)
        {
            while (_skipIndex < _skipList.Length)
            {
                if (_view.Load(_skipList[_skipIndex]) is { } skipped)
                {
                    candidate = new DeliveryCandidate(skipped, 1, CandidateSource.SkipList);
                    return true;
                }

                _skipIndex++;
            }

            EndSkipList();
        }

        while (_view.NextMatching(_nextStreamSeq, Filter) is var seq and not 0)
        {
            if (_view.Load(seq) is { } message)
            {
                candidate = new DeliveryCandidate(message, 1, CandidateSource.New);
                return true;
            }

            // Gone between the index and the load: skip it and recount later.
            _nextStreamSeq = seq + 1;
            _numPendingDirty = true;
        }

        // Scanned to the end: like nats-server, the next stream sequence moves past messages
        // the filter skipped, so `delivered.stream_seq` reads the stream's last sequence (seen
        // on 2.9.10: filter p4.a, messages 1–5, last match 4 → delivered stream_seq 5).
        var last = _view.LastSequence;
        if (last >= _nextStreamSeq)
        {
            _nextStreamSeq = last + 1;
        }

        return false;
    }

    /// The oldest NAK'd or expired message still worth sending. One past max_deliver is dropped
    /// from pending with a MAX_DELIVERIES advisory (seen on 2.9.10 when it would go out again),
    /// but stays in the stream whatever its retention.
    private bool TryNextRedelivery(long now, List<ConsumerOutput> outputs, out DeliveryCandidate candidate)
    {
        candidate = default;
        while (_redeliveries.TryPeek(out var seq))
        {
            if (!_pending.Contains(seq))
            {
                _redeliveries.Dequeue();
                continue;
            }

            var deliveries = _redelivered.GetValueOrDefault(seq) + 2;
            if (_config.MaxDeliver > 0 && deliveries > (ulong)_config.MaxDeliver)
            {
                _redeliveries.Dequeue();
                _redelivered[seq] = deliveries - 1;
                _pending.Remove(seq, out _);
                outputs.Add(Advisories.MaxDeliveries(Stream, Name, seq, deliveries - 1, now));

                // Not an ack: 2.9.10 leaves the message in an interest or workqueue stream until
                // an ack for it arrives (probed: still stored after the drop, gone on a late +ACK).
                continue;
            }

            if (_view.Load(seq) is not { } message)
            {
                _redeliveries.Dequeue();
                DropPending(seq);
                continue;
            }

            candidate = new DeliveryCandidate(message, deliveries, CandidateSource.Redelivery);
            return true;
        }

        return false;
    }

    private void EndSkipList()
    {
        _skipList = null;
        if (_nextStreamSeq < _skipResume)
        {
            _nextStreamSeq = _skipResume;
        }
    }

    private bool TryDeliver(DeliveryCandidate candidate, long now, List<ConsumerOutput> outputs)
    {
        var message = candidate.Message;
        var seq = message.Sequence;
        var consumerSeq = _nextConsumerSeq;
        var pending = NumPending;
        var pendingAfter = CountsAsPending(candidate) ? Decrement(pending) : pending;
        var ack = AckSubject.Format(_ackPrefix, candidate.Deliveries, seq, consumerSeq, message.TimestampNanos, pendingAfter);
        var headersOnly = _config.HeadersOnly;
        var bodySize = DeliveredHeaderLength(message, headersOnly) + (headersOnly ? 0 : message.Data.Length);

        string to;
        if (_config.IsPush)
        {
            to = _config.DeliverSubject!;
        }
        else if (NextWaiting(message.Subject.Length + ack.Length + bodySize, now, outputs) is { } pull)
        {
            to = pull.ReplyTo;
            pull.Delivered++;
            pull.Remaining--;
            if (pull.HeartbeatNanos > 0)
            {
                pull.HeartbeatAt = now + pull.HeartbeatNanos;
            }

            _waiting!.Served();
            _lastActivity = now;
        }
        else
        {
            return false;
        }

        Commit(candidate, consumerSeq, now);
        outputs.Add(new DeliverMessage(to, message, ack, headersOnly));
        if (_config.IsPush)
        {
            _idleSince = now;
            if (_flow is not null && _flow.Delivered(to.Length + ack.Length + bodySize))
            {
                var reply = FlowControlSubject();
                _flow.Requested(reply);
                outputs.Add(new DeliverStatus(to, StatusHeaders.FlowControlRequest, reply));
            }
        }

        return true;
    }

    private void Commit(DeliveryCandidate candidate, ulong consumerSeq, long now)
    {
        var seq = candidate.Message.Sequence;
        _nextConsumerSeq++;
        _lastDeliveredAt = now;
        Replayed(candidate, now);
        if (candidate.Source == CandidateSource.Redelivery)
        {
            _redeliveries.Dequeue();
            _redelivered[seq] = candidate.Deliveries - 1;
            _pending.Touch(seq, now, now + AckWaitFor(seq));
            return;
        }

        if (CountsAsPending(candidate))
        {
            _numPending = Decrement(_numPending);
        }

        if (_nextStreamSeq <= seq)
        {
            _nextStreamSeq = seq + 1;
        }

        if (candidate.Source == CandidateSource.SkipList && ++_skipIndex == _skipList!.Length)
        {
            EndSkipList();
        }

        if (_config.AckPolicy == AckPolicy.None)
        {
            // Nothing to ack: the floor follows delivery (seen on 2.9.10).
            _ackFloorConsumerSeq = consumerSeq;
            _ackFloorStreamSeq = seq;
            RecordAcked(seq, seq);
        }
        else
        {
            _pending.Add(seq, consumerSeq, now, now + AckWaitFor(seq));
        }
    }

    /// A first delivery leaves num_pending, unless it overtook OnStored and was never counted.
    private bool CountsAsPending(DeliveryCandidate candidate) =>
        candidate.Source != CandidateSource.Redelivery && candidate.Message.Sequence <= _countedThrough;

    private static int DeliveredHeaderLength(StoredMessage message, bool headersOnly) =>
        headersOnly ? HeadersOnlyBlock.Length(message.Headers.Length, message.Data.Length) : message.Headers.Length;
}
