namespace Natrium.Grains.Streams.Consumers;

/// The queue of waiting pulls over time: which one takes the next message, expiry with 408,
/// and per-request idle heartbeats.
internal sealed partial class ConsumerEngine
{
    /// The pull that takes a message of `size` bytes (stored subject + ack subject + headers +
    /// payload, as nats-server counts max_bytes). A pull whose bytes left cannot hold it gets
    /// `409 Message Size Exceeds MaxBytes` and leaves (seen on 2.9.10: max_bytes 150 and
    /// 145-byte messages → one message, then 409 with pending 4 messages, 5 bytes); one whose
    /// bytes run out exactly takes it as its last. Round robin among the rest.
    private WaitingPull? NextWaiting(int size, long now, List<ConsumerOutput> outputs)
    {
        while (_waiting?.Peek() is { } pull)
        {
            if (pull.ExpiresAt > 0 && now >= pull.ExpiresAt)
            {
                outputs.Add(new DeliverStatus(pull.ReplyTo, StatusHeaders.RequestTimeout(pull.Remaining, pull.RemainingBytes), null));
                _waiting.RemoveFirst();
                continue;
            }

            if (pull.RemainingBytes > 0)
            {
                if (size > pull.RemainingBytes)
                {
                    outputs.Add(new DeliverStatus(pull.ReplyTo, StatusHeaders.MessageSizeExceedsMaxBytes(pull.Remaining, pull.RemainingBytes), null));
                    _waiting.RemoveFirst();
                    continue;
                }

                pull.RemainingBytes -= size;
                if (pull.RemainingBytes == 0)
                {
                    pull.Remaining = 1;
                }
            }

            return pull;
        }

        return null;
    }

    /// Expires pulls past `expires` with `408 Request Timeout` + what is left of batch and
    /// bytes; at the end of what can be delivered also no_wait pulls that got something (seen on
    /// 2.9.10: no_wait batch 5 with 1 message → 408 pending 4); sends due heartbeats
    /// (`100 Idle Heartbeat`, every idle_heartbeat without a message to that pull). Skipped when
    /// nothing can be due, unless forced.
    private void ProcessWaiting(long now, bool endOfStream, bool force, List<ConsumerOutput> outputs)
    {
        if (_waiting is not { Count: > 0 } waiting)
        {
            _waitingDeadline = long.MaxValue;
            return;
        }

        var sweepNoWait = endOfStream && waiting.NoWaitCount > 0;
        if (!force && !sweepNoWait && now < _waitingDeadline)
        {
            return;
        }

        waiting.RemoveWhere(static (pull, state) => state.Engine.ExpireOrBeat(pull, state.Now, state.EndOfStream, state.Outputs), (Engine: this, Now: now, EndOfStream: endOfStream, Outputs: outputs));
        var next = long.MaxValue;
        for (var i = 0; i < waiting.Count; i++)
        {
            next = Math.Min(next, waiting[i].NextDeadline);
        }

        _waitingDeadline = next;
    }

    /// True when the pull ends now (its 408 is in outputs).
    private bool ExpireOrBeat(WaitingPull pull, long now, bool endOfStream, List<ConsumerOutput> outputs)
    {
        if ((endOfStream && pull.NoWait && pull.Delivered > 0) || (pull.ExpiresAt > 0 && now >= pull.ExpiresAt))
        {
            outputs.Add(new DeliverStatus(pull.ReplyTo, StatusHeaders.RequestTimeout(pull.Remaining, pull.RemainingBytes), null));
            return true;
        }

        if (pull.HeartbeatAt > 0 && now >= pull.HeartbeatAt)
        {
            outputs.Add(new DeliverStatus(pull.ReplyTo, Heartbeat(stalledOn: null), null));
            pull.HeartbeatAt = now + pull.HeartbeatNanos;
        }

        return false;
    }

    /// `100 Idle Heartbeat` with the last consumer and stream sequences (o.dseq−1, o.sseq−1).
    private byte[] Heartbeat(string? stalledOn) => StatusHeaders.IdleHeartbeat(_nextConsumerSeq - 1, _nextStreamSeq - 1, stalledOn);
}
