namespace Natrium.Grains.Streams.Api;

/// A ConsumerConfig as 2.9.10 marshals it (Go struct order, which differs from the contract's
/// property order; spec/jetstream.md §4.3 example and a push consumer echo, verified): only
/// deliver_policy, ack_policy, replay_policy and num_replicas are always written.
internal static class ConsumerConfigJson
{
    public static GoJsonWriter Write(GoJsonWriter json, ConsumerConfig cfg)
    {
        json.BeginObject()
            .PropertyIfSet("durable_name", cfg.DurableName)
            .PropertyIfSet("name", cfg.Name)
            .PropertyIfSet("description", cfg.Description)
            .Name("deliver_policy").String(GoEnums.Deliver.Name(cfg.DeliverPolicy))
            .PropertyIfSet("opt_start_seq", cfg.OptStartSeq);
        if (cfg.OptStartTime is { } start)
        {
            json.Property("opt_start_time", JsTime.Format(start));
        }

        json.Name("ack_policy").String(GoEnums.Ack.Name(cfg.AckPolicy))
            .PropertyIfSet("ack_wait", cfg.AckWaitNanos)
            .PropertyIfSet("max_deliver", cfg.MaxDeliver);
        if (cfg.BackoffNanos is { Count: > 0 } backoff)
        {
            json.Name("backoff").BeginArray();
            foreach (long delay in backoff)
            {
                json.Number(delay);
            }

            json.EndArray();
        }

        return json
            .PropertyIfSet("filter_subject", cfg.FilterSubject)
            .Name("replay_policy").String(GoEnums.Replay.Name(cfg.ReplayPolicy))
            .PropertyIfSet("rate_limit_bps", cfg.RateLimitBps)
            .PropertyIfSet("sample_freq", cfg.SampleFrequency)
            .PropertyIfSet("max_waiting", cfg.MaxWaiting)
            .PropertyIfSet("max_ack_pending", cfg.MaxAckPending)
            .PropertyIfSet("idle_heartbeat", cfg.IdleHeartbeatNanos)
            .PropertyIfSet("flow_control", cfg.FlowControl)
            .PropertyIfSet("headers_only", cfg.HeadersOnly)
            .PropertyIfSet("max_batch", cfg.MaxRequestBatch)
            .PropertyIfSet("max_expires", cfg.MaxRequestExpiresNanos)
            .PropertyIfSet("max_bytes", cfg.MaxRequestMaxBytes)
            .PropertyIfSet("deliver_subject", cfg.DeliverSubject)
            .PropertyIfSet("deliver_group", cfg.DeliverGroup)
            .PropertyIfSet("inactive_threshold", cfg.InactiveThresholdNanos)
            .Property("num_replicas", cfg.Replicas)
            .PropertyIfSet("mem_storage", cfg.MemoryStorage)
            .EndObject();
    }

    public static byte[] ToBytes(ConsumerConfig cfg) => Write(new GoJsonWriter(), cfg).ToArray();
}
