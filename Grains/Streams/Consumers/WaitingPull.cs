namespace Natrium.Grains.Streams.Consumers;

/// A queued pull request (waitingRequest in consumer.go). Remaining may drop to 0 or below:
/// `batch:0` still gets one message, as on 2.9.10.
internal sealed class WaitingPull(string replyTo, PullRequest request, long now)
{
    public string ReplyTo { get; } = replyTo;

    /// What is left of the batch (`Nats-Pending-Messages`).
    public int Remaining { get; set; } = request.Batch;

    /// What is left of max_bytes (`Nats-Pending-Bytes`), 0 when the request set none.
    public long RemainingBytes { get; set; } = request.MaxBytes;

    /// Messages sent to it so far.
    public int Delivered { get; set; }

    public bool NoWait { get; } = request.NoWait;

    /// Unix nanoseconds; 0 = never.
    public long ExpiresAt { get; } = request.ExpiresNanos > 0 ? now + request.ExpiresNanos : 0;

    public long HeartbeatNanos { get; } = request.IdleHeartbeatNanos;

    /// When the next `100 Idle Heartbeat` is due; 0 = none. A delivery pushes it back.
    public long HeartbeatAt { get; set; } = request.IdleHeartbeatNanos > 0 ? now + request.IdleHeartbeatNanos : 0;

    /// The earliest of its expiry and heartbeat, long.MaxValue when neither.
    public long NextDeadline
    {
        get
        {
            var next = ExpiresAt > 0 ? ExpiresAt : long.MaxValue;
            return HeartbeatAt > 0 && HeartbeatAt < next ? HeartbeatAt : next;
        }
    }
}
