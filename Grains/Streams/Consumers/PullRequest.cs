namespace Natrium.Grains.Streams.Consumers;

/// A `CONSUMER.MSG.NEXT` request (spec/jetstream.md §5.1): empty body = batch 1 without expiry,
/// a bare integer = batch, or JSON. Durations in nanoseconds; 0 means not set.
internal sealed record PullRequest(int Batch, long ExpiresNanos, bool NoWait, long MaxBytes, long IdleHeartbeatNanos)
{
    public static PullRequest One { get; } = new(1, 0, false, 0, 0);
}
