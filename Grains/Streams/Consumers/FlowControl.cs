namespace Natrium.Grains.Streams.Consumers;

/// Push flow control as nats-server 2.9.10 runs it (needFlowControl/processFlowControl in
/// consumer.go, spec/jetstream.md §5.4): the window starts at 32 MiB/16 = 2 MiB; a
/// `100 FlowControl Request` goes out once more than half the window is unanswered; delivery
/// stalls while the unanswered bytes exceed the window; each answer doubles it up to 32 MiB.
/// Seen on 2.9.10 with 60,000-byte messages: request after 18, stall after 35, resume on reply.
internal sealed class FlowControl
{
    public const long MaxPendingBytes = 32L * 1024 * 1024;

    private long _window = MaxPendingBytes / 16;
    private long _bytes;
    private long _requestedAt;

    /// The `$JS.FC…` subject of the unanswered request, null when none is out.
    public string? Outstanding { get; private set; }

    /// True while delivery must wait for an answer.
    public bool IsStalled => _bytes > _window;

    /// Counts a delivered message (subject + reply + headers + payload bytes). True when a
    /// flow-control request must go out now; the caller then calls Requested.
    public bool Delivered(long size)
    {
        _bytes += size;
        if (Outstanding is null)
        {
            return _bytes > _window / 2;
        }

        // A request is out but the client keeps up: let the answer cover these bytes too.
        if (_bytes - _requestedAt >= _window)
        {
            _requestedAt += size;
        }

        return false;
    }

    public void Requested(string replySubject)
    {
        Outstanding = replySubject;
        _requestedAt = _bytes;
    }

    /// The client answered on `subject`; false (ignored) unless it is the latest request.
    public bool Answered(string subject)
    {
        if (subject != Outstanding)
        {
            return false;
        }

        _window = Math.Min(_window * 2, MaxPendingBytes);
        _bytes = Math.Max(0, _bytes - _requestedAt);
        Outstanding = null;
        _requestedAt = 0;
        return true;
    }
}
