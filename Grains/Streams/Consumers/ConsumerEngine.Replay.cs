namespace Natrium.Grains.Streams.Consumers;

/// replay_policy original: stored messages go out as far apart as they were stored, until the
/// consumer reaches what the stream held at creation; new messages then go at once. Instead of
/// sleeping like nats-server, delivery stops and NextDeadline says when to go on.
internal sealed partial class ConsumerEngine
{
    private bool _replaying;
    private ulong _replayUntil;
    private long _replayLastTimestamp;
    private long _replayLastSentAt;
    private long _replayDueAt = long.MaxValue;

    private bool MustWaitForReplay(DeliveryCandidate candidate, long now)
    {
        if (!_replaying || _replayLastTimestamp == 0)
        {
            return false;
        }

        // nats-server sleeps when the gap to the previous message is over a millisecond.
        var gap = candidate.Message.TimestampNanos - _replayLastTimestamp;
        if (gap <= 1_000_000 || now >= _replayLastSentAt + gap)
        {
            _replayDueAt = long.MaxValue;
            return false;
        }

        _replayDueAt = _replayLastSentAt + gap;
        return true;
    }

    private void Replayed(DeliveryCandidate candidate, long now)
    {
        _replayLastTimestamp = candidate.Message.TimestampNanos;
        _replayLastSentAt = now;
    }
}
