namespace Natrium.Grains.Streams.Consumers;

/// Push delivery: interest in deliver_subject, idle heartbeats and flow control
/// (spec/jetstream.md §5.4).
internal sealed partial class ConsumerEngine
{
    private const string FlowControlAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly FlowControl? _flow;
    private bool _interest;
    // Since when a push consumer has had no interest (or ack activity): inactive_threshold.
    private long _inactiveSince;
    // Last delivery or heartbeat of a push consumer: the next heartbeat is idle_heartbeat later.
    private long _idleSince;

    /// Since when a push consumer has waited for a subscriber, or null when it is not waiting.
    public long? AwaitingPushInterestSince => _config.IsPush && !_deleted && !_interest ? _inactiveSince : null;

    /// The stream grain tells whether deliver_subject (a queue subscriber of deliver_group when
    /// set) has a subscriber. Messages go out only while it does; gaining it delivers at once.
    public void SetPushInterest(bool interest, long now, List<ConsumerOutput> outputs)
    {
        if (!_config.IsPush || _deleted || interest == _interest)
        {
            return;
        }

        _interest = interest;
        _inactiveSince = now;
        if (interest)
        {
            DeliverAvailable(now, outputs);
        }
    }

    /// A message published to a `$JS.FC.<stream>.<consumer>.*` subject: if it answers the latest
    /// flow-control request, the window grows and delivery resumes (older answers are ignored).
    public void FlowControlReply(string subject, long now, List<ConsumerOutput> outputs)
    {
        if (_flow is not null && !_deleted && _flow.Answered(subject))
        {
            DeliverAvailable(now, outputs);
        }
    }

    /// `$JS.FC.<stream>.<consumer>.<4 base-62 characters>` (fcReply in consumer.go; seen on 2.9.10:
    /// `$JS.FC.P7.p1.5H5q`).
    private string FlowControlSubject() => string.Create(8 + Stream.Length + Name.Length + 5, this, static (chars, engine) =>
    {
        "$JS.FC.".AsSpan().CopyTo(chars);
        var at = 7;
        engine.Stream.AsSpan().CopyTo(chars[at..]);
        at += engine.Stream.Length;
        chars[at++] = '.';
        engine.Name.AsSpan().CopyTo(chars[at..]);
        at += engine.Name.Length;
        chars[at++] = '.';
        for (var i = 0; i < 4; i++)
        {
            chars[at++] = FlowControlAlphabet[Random.Shared.Next(FlowControlAlphabet.Length)];
        }
    });

    /// Every idle_heartbeat without a delivery, while there is interest; a pending flow-control
    /// request adds `Nats-Consumer-Stalled` (seen on 2.9.10 once a second while stalled).
    private void PushHeartbeat(long now, List<ConsumerOutput> outputs)
    {
        var interval = _config.IdleHeartbeatNanos;
        if (!_config.IsPush || interval <= 0 || now < _idleSince + interval)
        {
            return;
        }

        if (_interest)
        {
            outputs.Add(new DeliverStatus(_config.DeliverSubject!, Heartbeat(_flow?.Outstanding), null));
        }

        _idleSince = now;
    }
}
