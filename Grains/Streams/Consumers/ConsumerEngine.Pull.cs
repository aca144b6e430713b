using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams.Consumers;

/// Pull requests (processNextMsgRequest/nextWaiting/processWaiting in consumer.go;
/// spec/jetstream.md §5.1, §5.3).
internal sealed partial class ConsumerEngine
{
    private const int DefaultMaxWaiting = 512;

    private WaitingQueue? _waiting;
    // No queued pull needs anything before this; may be early, never late.
    private long _waitingDeadline = long.MaxValue;
    // Last pull, delivery, no_wait answer or ack: inactive_threshold counts from here.
    private long _lastActivity;

    public int NumWaiting => _waiting?.Count ?? 0;

    /// A raw `CONSUMER.MSG.NEXT` body (or what follows `+NXT`) to reply subject `replyTo`.
    /// Without a reply subject it is ignored; a push consumer answers 409 before the body is
    /// read; an unreadable body gets `400 Bad Request - <Go json error>`.
    public void Pull(ReadOnlySpan<byte> body, string? replyTo, long now, List<ConsumerOutput> outputs)
    {
        if (string.IsNullOrEmpty(replyTo) || _deleted)
        {
            return;
        }

        if (_config.IsPush)
        {
            outputs.Add(new DeliverStatus(replyTo, StatusHeaders.ConsumerIsPushBased, null));
            return;
        }

        if (!PullRequestReader.TryRead(body, out var request, out var error))
        {
            outputs.Add(new DeliverStatus(replyTo, StatusHeaders.BadRequest(error!), null));
            return;
        }

        Pull(request, replyTo, now, outputs);
    }

    /// A parsed pull request. Checks in nats-server's order: push, max_batch, max_expires,
    /// max_bytes, max_waiting (after expiring old ones), no_wait; then delivers what it can.
    public void Pull(PullRequest request, string replyTo, long now, List<ConsumerOutput> outputs)
    {
        if (string.IsNullOrEmpty(replyTo) || _deleted)
        {
            return;
        }

        var refusal = Refusal(request);
        if (refusal is not null)
        {
            outputs.Add(new DeliverStatus(replyTo, refusal, null));
            return;
        }

        _waiting ??= new WaitingQueue(_config.MaxWaiting > 0 ? (int)Math.Min(_config.MaxWaiting, 1 << 20) : DefaultMaxWaiting);
        if (_waiting.IsFull)
        {
            ProcessWaiting(now, endOfStream: false, force: true, outputs);
        }

        if (request.NoWait && NoWaitAnswer(request, replyTo, now, outputs))
        {
            return;
        }

        var pull = new WaitingPull(replyTo, request, now);
        if (!_waiting.TryAdd(pull))
        {
            outputs.Add(new DeliverStatus(replyTo, StatusHeaders.ExceededMaxWaiting, null));
            return;
        }

        _lastActivity = now;
        _waitingDeadline = Math.Min(_waitingDeadline, pull.NextDeadline);
        DeliverAvailable(now, outputs);
    }

    /// Sends `409 Consumer Deleted` to every waiting pull (seen on 2.9.10 on CONSUMER.DELETE)
    /// and stops the engine.
    public void Delete(long now, List<ConsumerOutput> outputs)
    {
        if (_deleted)
        {
            return;
        }

        for (var i = 0; i < NumWaiting; i++)
        {
            outputs.Add(new DeliverStatus(_waiting![i].ReplyTo, StatusHeaders.ConsumerDeleted, null));
        }

        _waiting?.Clear();
        _deleted = true;
    }

    /// The pull's reply subject lost its last subscriber: drop it silently (spec §5.1).
    /// The reply subjects of the queued pulls (the stream grain drops those nobody listens on).
    public void CollectWaitingReplies(ICollection<string> into)
    {
        for (var i = 0; i < NumWaiting; i++)
        {
            into.Add(_waiting![i].ReplyTo);
        }
    }

    public void DropPull(string replyTo) =>
        _waiting?.RemoveWhere(static (pull, reply) => pull.ReplyTo == reply, replyTo);

    private byte[]? Refusal(PullRequest request)
    {
        if (_config.IsPush)
        {
            return StatusHeaders.ConsumerIsPushBased;
        }

        if (_config.MaxRequestBatch > 0 && request.Batch > _config.MaxRequestBatch)
        {
            return StatusHeaders.ExceededMaxRequestBatch(_config.MaxRequestBatch);
        }

        if (request.ExpiresNanos > 0 && _config.MaxRequestExpiresNanos > 0 && request.ExpiresNanos > _config.MaxRequestExpiresNanos)
        {
            return StatusHeaders.ExceededMaxRequestExpires(_config.MaxRequestExpiresNanos);
        }

        if (request.MaxBytes > 0 && _config.MaxRequestMaxBytes > 0 && request.MaxBytes > _config.MaxRequestMaxBytes)
        {
            return StatusHeaders.ExceededMaxRequestMaxBytes(_config.MaxRequestMaxBytes);
        }

        return null;
    }

    /// no_wait: `404 No Messages` when nothing is pending and no expiry was asked; `408 Requests
    /// Pending` when earlier pulls already claim all that is pending. True when answered.
    private bool NoWaitAnswer(PullRequest request, string replyTo, long now, List<ConsumerOutput> outputs)
    {
        var available = NumPending + (ulong)_redeliveries.Count;
        if (available == 0 && request.ExpiresNanos == 0)
        {
            _lastActivity = now;
            outputs.Add(new DeliverStatus(replyTo, StatusHeaders.NoMessages, null));
            return true;
        }

        if (available == 0)
        {
            return false;
        }

        ProcessWaiting(now, endOfStream: false, force: false, outputs);
        long claimed = 0;
        for (var i = 0; i < NumWaiting; i++)
        {
            claimed += _waiting![i].Remaining;
        }

        if (claimed > 0 && available < (ulong)claimed)
        {
            _lastActivity = now;
            outputs.Add(new DeliverStatus(replyTo, StatusHeaders.RequestsPending, null));
            return true;
        }

        return false;
    }
}
