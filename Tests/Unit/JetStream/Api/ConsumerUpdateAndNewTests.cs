using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// Re-creating an existing consumer (checkNewConsumerConfig) and adding a new one (addConsumer)
/// as 2.9.10 does; the update texts were seen on 2.9.10.
public sealed class ConsumerUpdateAndNewTests
{
    private static readonly StreamConfig Stream = JsTestData.NormalizedStream("""{"name":"C","subjects":["c.>"]}""");
    private static readonly StreamConfig WorkQueue = JsTestData.NormalizedStream("""{"name":"W","subjects":["w.>"],"retention":"workqueue"}""");

    private static ConsumerConfig Normalized(string json, StreamConfig? stream = null)
    {
        var result = ConsumerConfigRules.Normalize(JsTestData.Consumer(json), stream ?? Stream, JetStreamLimitsView.Unlimited);
        Assert.False(result.IsError, result.Error?.Description);
        return result.Value;
    }

    private static ConsumerConfig New(string json, StreamConfig? stream = null)
    {
        var result = ConsumerConfigRules.CheckNew(Normalized(json, stream), stream ?? Stream, JetStreamLimitsView.Unlimited, []);
        Assert.False(result.IsError, result.Error?.Description);
        return result.Value;
    }

    private static ApiResult<ConsumerConfig> Update(string existing, string requested, bool interest = false) =>
        ConsumerConfigRules.CheckUpdate(New(existing), Normalized(requested), interest);

    [Fact]
    public void CheckUpdate_identical_config_succeeds()
    {
        const string durable = """{"durable_name":"d1","ack_policy":"explicit","max_deliver":5,"backoff":[1,2]}""";
        var result = Update(durable, durable);
        Assert.False(result.IsError);
        Assert.True(ConsumerConfigRules.Equivalent(New(durable), result.Value));
    }

    [Fact]
    public void CheckUpdate_mutable_fields_change_in_place()
    {
        var result = Update("""{"durable_name":"d1","ack_policy":"explicit","max_deliver":5}""",
            """{"durable_name":"d1","ack_policy":"explicit","max_deliver":7,"ack_wait":5000000000,"max_ack_pending":3}""");
        Assert.Equal((7L, 5_000_000_000L, 3L), (result.Value!.MaxDeliver, result.Value.AckWaitNanos, result.Value.MaxAckPending));
    }

    [Theory]
    [InlineData("""{"durable_name":"d1","ack_policy":"all"}""", "ack policy can not be updated")]
    [InlineData("""{"durable_name":"d1","ack_policy":"explicit","deliver_subject":"dd"}""", "max waiting can not be updated")]
    [InlineData("""{"durable_name":"d1","ack_policy":"explicit","max_waiting":9}""", "max waiting can not be updated")]
    [InlineData("""{"durable_name":"d1","ack_policy":"explicit","deliver_policy":"new"}""", "deliver policy can not be updated")]
    [InlineData("""{"durable_name":"d1","ack_policy":"explicit","replay_policy":"original"}""", "replay policy can not be updated")]
    [InlineData("""{"durable_name":"d1","ack_policy":"explicit","deliver_policy":"by_start_sequence","opt_start_seq":4}""", "deliver policy can not be updated")]
    public void CheckUpdate_immutable_fields_are_500_10012(string requested, string description) =>
        Assert.Equal(JsErrors.ConsumerCreate(description),
            Update("""{"durable_name":"d1","ack_policy":"explicit","max_deliver":5}""", requested).Error);

    [Fact]
    public void CheckUpdate_other_immutable_fields()
    {
        const string push = """{"durable_name":"p","deliver_subject":"x","idle_heartbeat":1000000000,"flow_control":true}""";
        Assert.Equal(JsErrors.ConsumerCreate("heart beats can not be updated"),
            Update(push, """{"durable_name":"p","deliver_subject":"x","idle_heartbeat":2000000000,"flow_control":true}""").Error);
        Assert.Equal(JsErrors.ConsumerCreate("flow control can not be updated"),
            Update(push, """{"durable_name":"p","deliver_subject":"x","idle_heartbeat":1000000000}""").Error);
        Assert.Equal(JsErrors.ConsumerCreate("start sequence can not be updated"),
            Update("""{"durable_name":"s","deliver_policy":"by_start_sequence","opt_start_seq":4}""",
                """{"durable_name":"s","deliver_policy":"by_start_sequence","opt_start_seq":5}""").Error);
    }

    [Fact]
    public void CheckUpdate_push_and_pull_do_not_switch()
    {
        // Max waiting differs first in a real switch (512 vs 0, seen on 2.9.10), so align it here.
        var pull = New("""{"durable_name":"q"}""");
        var push = Normalized("""{"durable_name":"q","deliver_subject":"x"}""") with { MaxWaiting = pull.MaxWaiting };
        Assert.Equal(JsErrors.ConsumerCreate("can not update pull consumer to push based"),
            ConsumerConfigRules.CheckUpdate(pull, push, false).Error);
        var pushed = New("""{"durable_name":"p","deliver_subject":"x"}""");
        var pulled = Normalized("""{"durable_name":"p"}""") with { MaxWaiting = 0 };
        Assert.Equal(JsErrors.ConsumerCreate("can not update push consumer to pull based"),
            ConsumerConfigRules.CheckUpdate(pushed, pulled, false).Error);
    }

    [Fact]
    public void CheckUpdate_new_deliver_subject_needs_the_old_one_idle()
    {
        const string existing = """{"durable_name":"p","deliver_subject":"x"}""";
        const string moved = """{"durable_name":"p","deliver_subject":"y"}""";
        Assert.Same(JsErrors.ConsumerNameExist, Update(existing, moved, interest: true).Error);
        Assert.Equal("y", Update(existing, moved, interest: false).Value!.DeliverSubject);
    }

    [Fact]
    public void CheckUpdate_start_time_is_compared_by_pointer_as_in_2_9_10()
    {
        // Seen on 2.9.10: re-creating named ephemeral t3 with the same opt_start_time fails,
        // because its stored inactive_threshold (5 s) differs from the request's.
        const string t3 = """{"name":"t3","deliver_policy":"by_start_time","opt_start_time":"2026-01-01T00:00:00Z"}""";
        Assert.Equal(JsErrors.ConsumerCreate("start time can not be updated"), Update(t3, t3).Error);
        const string durable = """{"durable_name":"t4","deliver_policy":"by_start_time","opt_start_time":"2026-01-01T00:00:00Z"}""";
        Assert.False(Update(durable, durable).IsError);
    }

    [Fact]
    public void CheckUpdate_keeps_the_ephemeral_inactive_threshold()
    {
        var result = Update("""{"name":"e"}""", """{"name":"e","max_deliver":4}""");
        Assert.Equal(ConsumerConfigRules.DefaultInactiveThresholdNanos, result.Value!.InactiveThresholdNanos);
        Assert.Equal(0, Update("""{"durable_name":"d"}""", """{"durable_name":"d","max_deliver":4}""").Value!.InactiveThresholdNanos);
    }

    [Fact]
    public void CheckNew_names_ephemerals_like_2_9_10()
    {
        var cfg = New("""{}""");
        Assert.Matches("^[0-9A-Za-z]{8}$", cfg.Name);
        Assert.Equal(cfg.Name, ConsumerConfigRules.NameOf(cfg));
        Assert.Equal(ConsumerConfigRules.DefaultInactiveThresholdNanos, cfg.InactiveThresholdNanos);
        Assert.Equal(300_000_000_000, New("""{"inactive_threshold":300000000000}""").InactiveThresholdNanos);
    }

    [Fact]
    public void CheckNew_durables_keep_their_config_name_and_no_threshold()
    {
        var cfg = New("""{"durable_name":"d1"}""");
        Assert.Null(cfg.Name);
        Assert.Equal("d1", ConsumerConfigRules.NameOf(cfg));
        Assert.Equal(0, cfg.InactiveThresholdNanos);
    }

    [Theory]
    [InlineData("""{"name":"*"}""")]
    [InlineData("""{"name":"a>"}""")]
    [InlineData("""{"durable_name":"a b"}""")]
    public void CheckNew_bad_names_are_10103(string json) =>
        Assert.Same(JsErrors.ConsumerBadDurableName,
            ConsumerConfigRules.CheckNew(Normalized(json), Stream, JetStreamLimitsView.Unlimited, []).Error);

    [Fact]
    public void CheckNew_durable_name_length_is_10102()
    {
        var cfg = Normalized($$"""{"durable_name":"{{new string('d', 256)}}"}""");
        Assert.Equal(JsErrors.ConsumerNameTooLong(255), ConsumerConfigRules.CheckNew(cfg, Stream, JetStreamLimitsView.Unlimited, []).Error);
    }

    [Fact]
    public void CheckNew_consumer_limit_is_the_smaller_of_stream_and_account()
    {
        var others = new[] { New("""{"durable_name":"a"}"""), New("""{"durable_name":"b"}""") };
        var cfg = Normalized("""{"durable_name":"c"}""");
        var twoPerStream = Stream with { MaxConsumers = 2 };
        Assert.Same(JsErrors.MaximumConsumersLimit, ConsumerConfigRules.CheckNew(cfg, twoPerStream, JetStreamLimitsView.Unlimited, others).Error);
        Assert.Same(JsErrors.MaximumConsumersLimit, ConsumerConfigRules.CheckNew(cfg, Stream, new JetStreamLimitsView(MaxConsumers: 2), others).Error);
        Assert.False(ConsumerConfigRules.CheckNew(cfg, Stream with { MaxConsumers = 5 }, new JetStreamLimitsView(MaxConsumers: 3), others).IsError);
    }

    [Fact]
    public void CheckNew_workqueue_rules()
    {
        var limits = JetStreamLimitsView.Unlimited;
        ApiError? Add(string json, params ConsumerConfig[] others) =>
            ConsumerConfigRules.CheckNew(Normalized(json, WorkQueue), WorkQueue, limits, others).Error;

        Assert.Same(JsErrors.ConsumerWorkQueueRequiresExplicitAck, Add("""{"ack_policy":"all"}"""));
        Assert.Same(JsErrors.ConsumerWorkQueueRequiresExplicitAck, Add("""{"deliver_subject":"x"}"""));
        Assert.Same(JsErrors.ConsumerWorkQueueNotDeliverAll, Add("""{"ack_policy":"explicit","deliver_policy":"new"}"""));
        var unfiltered = New("""{"durable_name":"u","ack_policy":"explicit"}""", WorkQueue);
        Assert.Null(Add("""{"ack_policy":"explicit"}"""));
        Assert.Same(JsErrors.ConsumerWorkQueueMultipleUnfiltered, Add("""{"ack_policy":"explicit"}""", unfiltered));
        Assert.Same(JsErrors.ConsumerWorkQueueNotUnique, Add("""{"ack_policy":"explicit","filter_subject":"w.a"}""", unfiltered));
        var wide = New("""{"durable_name":"f","ack_policy":"explicit","filter_subject":"w.>"}""", WorkQueue);
        Assert.Same(JsErrors.ConsumerWorkQueueNotUnique, Add("""{"ack_policy":"explicit","filter_subject":"w.*.b"}""", wide));
        var left = New("""{"durable_name":"l","ack_policy":"explicit","filter_subject":"w.a.*"}""", WorkQueue);
        Assert.Null(Add("""{"ack_policy":"explicit","filter_subject":"w.*.b"}""", left)); // overlapping, yet no subset: 2.9.10 allows it
    }
}
