namespace Natrium.Grains.Streams.Api;

internal static partial class ConsumerConfigRules
{
    /// checkNewConsumerConfig: re-creating a consumer with an identical config succeeds; mutable
    /// fields (max_deliver, ack_wait, max_ack_pending, backoff, deliver_subject…) change in
    /// place; immutable ones fail with 500/10012 and 2.9.10's text (spec/jetstream.md §4.1).
    /// `existing` is the stored config, `requested` the output of Normalize. A new deliver
    /// subject is refused with 10013 while the old one still has subscribers.
    ///
    /// 2.9.10 compares opt_start_time by pointer, so any change to a config that has a start
    /// time fails with "start time can not be updated" — including re-creating a named
    /// ephemeral, whose stored inactive_threshold (5 s) differs from the request (verified).
    public static ApiResult<ConsumerConfig> CheckUpdate(ConsumerConfig existing, ConsumerConfig requested, bool deliverSubjectHasInterest)
    {
        if (Equivalent(existing, requested))
        {
            return WithInactiveThreshold(requested);
        }

        string? failure =
            existing.DeliverPolicy != requested.DeliverPolicy ? "deliver policy can not be updated"
            : existing.OptStartSeq != requested.OptStartSeq ? "start sequence can not be updated"
            : existing.OptStartTime is not null || requested.OptStartTime is not null ? "start time can not be updated"
            : existing.AckPolicy != requested.AckPolicy ? "ack policy can not be updated"
            : existing.ReplayPolicy != requested.ReplayPolicy ? "replay policy can not be updated"
            : existing.IdleHeartbeatNanos != requested.IdleHeartbeatNanos ? "heart beats can not be updated"
            : existing.FlowControl != requested.FlowControl ? "flow control can not be updated"
            : existing.MaxWaiting != requested.MaxWaiting ? "max waiting can not be updated"
            : null;
        if (failure is not null)
        {
            return JsErrors.ConsumerCreate(failure);
        }

        string oldDeliver = existing.DeliverSubject ?? "", newDeliver = requested.DeliverSubject ?? "";
        if (oldDeliver != newDeliver)
        {
            if (oldDeliver.Length == 0)
            {
                return JsErrors.ConsumerCreate("can not update pull consumer to push based");
            }

            if (newDeliver.Length == 0)
            {
                return JsErrors.ConsumerCreate("can not update push consumer to pull based");
            }

            if (deliverSubjectHasInterest)
            {
                return JsErrors.ConsumerNameExist;
            }
        }

        if (requested.BackoffNanos is { Count: > 0 } backoff && requested.MaxDeliver <= backoff.Count)
        {
            return JsErrors.ConsumerMaxDeliverBackoff;
        }

        return WithInactiveThreshold(requested);
    }

    /// Consumers without a durable name always get an inactive_threshold, 5 s unless one was
    /// set (updateInactiveThreshold); the echo shows it (verified on 2.9.10).
    private static ConsumerConfig WithInactiveThreshold(ConsumerConfig cfg) =>
        !cfg.IsDurable && cfg.InactiveThresholdNanos <= 0
            ? cfg with { InactiveThresholdNanos = DefaultInactiveThresholdNanos }
            : cfg;
}
