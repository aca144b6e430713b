namespace Natrium.Grains.Streams.Consumers;

/// Time: everything nats-server runs on timers happens in Tick, which the stream grain calls at
/// (or after) NextDeadline.
internal sealed partial class ConsumerEngine
{
    /// When Tick must run next (Unix nanoseconds), long.MaxValue when nothing is scheduled.
    /// May be earlier than needed (a spurious Tick does nothing); once IsInactive turns true it
    /// stays in the past until the consumer is deleted.
    public long NextDeadline
    {
        get
        {
            if (_deleted)
            {
                return long.MaxValue;
            }

            var next = Math.Min(_pending.NextDeadline, _replayDueAt);
            if (!_config.IsPush)
            {
                next = Math.Min(next, NumWaiting > 0 ? _waitingDeadline : InactiveAt);
            }
            else
            {
                if (_interest && _config.IdleHeartbeatNanos > 0)
                {
                    next = Math.Min(next, _idleSince + _config.IdleHeartbeatNanos);
                }

                if (!_interest)
                {
                    next = Math.Min(next, InactiveAt);
                }
            }

            return next;
        }
    }

    /// Runs what is due: ack_wait/backoff expiries queue redeliveries, pulls expire (408) or get
    /// heartbeats, push heartbeats, replay spacing; then delivers what it can.
    public void Tick(long now, List<ConsumerOutput> outputs)
    {
        if (_deleted)
        {
            return;
        }

        if (_pending.NextDeadline <= now)
        {
            _scratch.Clear();
            _pending.TakeExpired(now, _scratch);
            foreach (var seq in _scratch)
            {
                _redeliveries.Enqueue(seq);
            }
        }

        if (_config.IsPush)
        {
            PushHeartbeat(now, outputs);
        }
        else
        {
            ProcessWaiting(now, endOfStream: false, force: false, outputs);
        }

        if (_replayDueAt <= now)
        {
            _replayDueAt = long.MaxValue;
        }

        DeliverAvailable(now, outputs);
    }

    /// True when inactive_threshold has passed without activity, so the stream grain deletes
    /// the consumer: a push consumer without interest (and acks) that long, a pull consumer
    /// with no waiting pull and no pull, delivery or ack that long. Never without a threshold.
    public bool IsInactive(long now) => !_deleted && now >= InactiveAt;

    private long InactiveAt
    {
        get
        {
            var threshold = _config.InactiveThresholdNanos;
            if (threshold <= 0)
            {
                return long.MaxValue;
            }

            if (_config.IsPush)
            {
                return _interest ? long.MaxValue : SaturatingAdd(_inactiveSince, threshold);
            }

            return NumWaiting > 0 ? long.MaxValue : SaturatingAdd(_lastActivity, threshold);
        }
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
