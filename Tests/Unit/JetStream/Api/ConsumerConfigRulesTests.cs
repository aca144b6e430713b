using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// ConsumerConfig defaults and checks of spec §4.2; texts and echoes seen on 2.9.10.
public sealed class ConsumerConfigRulesTests
{
    private static readonly StreamConfig Stream = JsTestData.NormalizedStream("""{"name":"C","subjects":["c.>"]}""");

    private static ApiResult<ConsumerConfig> Normalize(string json, StreamConfig? stream = null, JetStreamLimitsView? limits = null) =>
        ConsumerConfigRules.Normalize(JsTestData.Consumer(json), stream ?? Stream, limits ?? JetStreamLimitsView.Unlimited);

    private static ConsumerConfig Stored(string json, bool isNew = true)
    {
        var normalized = Normalize(json);
        Assert.False(normalized.IsError, normalized.Error?.Description);
        var stored = ConsumerConfigRules.CheckNew(normalized.Value, Stream, JetStreamLimitsView.Unlimited, []);
        Assert.False(stored.IsError, stored.Error?.Description);
        return stored.Value;
    }

    private static string Echo(ConsumerConfig cfg) => JsTestData.Text(ConsumerConfigJson.ToBytes(cfg));

    [Fact]
    public void Normalize_durable_explicit_echo()
    {
        var cfg = Stored("""{"deliver_policy":"all","durable_name":"proc","name":"proc","ack_policy":"explicit","filter_subject":"c.*","replay_policy":"instant"}""");
        Assert.Equal(
            """{"durable_name":"proc","name":"proc","deliver_policy":"all","ack_policy":"explicit","ack_wait":30000000000,"max_deliver":-1,"filter_subject":"c.*","replay_policy":"instant","max_waiting":512,"max_ack_pending":1000,"num_replicas":0}""",
            Echo(cfg));
    }

    [Fact]
    public void Normalize_named_ack_none_echo_has_inactive_threshold()
    {
        Assert.Equal(
            """{"name":"n1","deliver_policy":"all","ack_policy":"none","max_deliver":-1,"filter_subject":"c.a","replay_policy":"instant","max_waiting":512,"inactive_threshold":5000000000,"num_replicas":0}""",
            Echo(Stored("""{"name":"n1","filter_subject":"c.a"}""")));
    }

    [Fact]
    public void Normalize_push_echo_in_go_field_order()
    {
        var cfg = Stored("""{"deliver_subject":"dlv.x","idle_heartbeat":1000000000,"flow_control":true,"ack_policy":"explicit","backoff":[1000000000,2000000000],"max_deliver":3,"headers_only":true,"rate_limit_bps":1000,"sample_freq":"50%","description":"d","deliver_group":"g","mem_storage":true,"max_ack_pending":5}""");
        Assert.Equal(8, cfg.Name!.Length);
        Assert.Equal(
            $$"""{"name":"{{cfg.Name}}","description":"d","deliver_policy":"all","ack_policy":"explicit","ack_wait":1000000000,"max_deliver":3,"backoff":[1000000000,2000000000],"replay_policy":"instant","rate_limit_bps":1000,"sample_freq":"50%","max_ack_pending":5,"idle_heartbeat":1000000000,"flow_control":true,"headers_only":true,"deliver_subject":"dlv.x","deliver_group":"g","inactive_threshold":5000000000,"num_replicas":0,"mem_storage":true}""",
            Echo(cfg));
    }

    [Fact]
    public void Normalize_opt_start_time_echoes_with_its_offset()
    {
        var cfg = Stored("""{"name":"t2","deliver_policy":"by_start_time","opt_start_time":"2026-01-01T00:00:00.100+00:00"}""");
        Assert.Contains(""","deliver_policy":"by_start_time","opt_start_time":"2026-01-01T00:00:00.1Z","ack_policy":"none",""", Echo(cfg));
    }

    [Fact]
    public void Normalize_account_max_ack_pending_lowers_the_default()
    {
        var lower = new JetStreamLimitsView(MaxAckPending: 20);
        Assert.Equal(20, Normalize("""{"ack_policy":"all"}""", limits: lower).Value!.MaxAckPending);
        Assert.Equal(1000, Normalize("""{"ack_policy":"all"}""", limits: new JetStreamLimitsView(MaxAckPending: 5000)).Value!.MaxAckPending);
        Assert.Equal(JsErrors.ConsumerMaxPendingAckExcess(20), Normalize("""{"ack_policy":"all","max_ack_pending":21}""", limits: lower).Error);
        Assert.Equal(0, Normalize("""{"ack_policy":"none"}""", limits: lower).Value!.MaxAckPending);
    }

    [Fact]
    public void Normalize_backoff_sets_ack_wait_even_with_explicit_ack_wait()
    {
        var cfg = Normalize("""{"ack_policy":"explicit","ack_wait":9,"backoff":[7,8],"max_deliver":3}""").Value!;
        Assert.Equal(7, cfg.AckWaitNanos);
    }

    [Theory]
    [InlineData("""{"deliver_policy":"by_start_sequence"}""", 10094, "consumer delivery policy is deliver by start sequence, but optional start sequence is not set")]
    [InlineData("""{"opt_start_seq":5}""", 10094, "consumer delivery policy is deliver all, but optional start sequence is also set")]
    [InlineData("""{"opt_start_time":"2026-01-01T00:00:00Z"}""", 10094, "consumer delivery policy is deliver all, but optional start time is also set")]
    [InlineData("""{"deliver_policy":"last","opt_start_seq":5}""", 10094, "consumer delivery policy is deliver last, but optional start sequence is also set")]
    [InlineData("""{"deliver_policy":"new","opt_start_time":"2026-01-01T00:00:00Z"}""", 10094, "consumer delivery policy is deliver new, but optional start time is also set")]
    [InlineData("""{"deliver_policy":"last_per_subject"}""", 10094, "consumer delivery policy is deliver last per subject, but optional filter subject is not set")]
    [InlineData("""{"deliver_policy":"last_per_subject","filter_subject":"c.a","opt_start_seq":1}""", 10094, "consumer delivery policy is deliver last per subject, but optional start sequence is also set")]
    [InlineData("""{"deliver_policy":"by_start_sequence","opt_start_seq":1,"opt_start_time":"2026-01-01T00:00:00Z"}""", 10094, "consumer delivery policy is deliver by start sequence, but optional start time is also set")]
    [InlineData("""{"deliver_policy":"by_start_time"}""", 10094, "consumer delivery policy is deliver by start time, but optional start time is not set")]
    [InlineData("""{"deliver_policy":"by_start_time","opt_start_seq":3,"opt_start_time":"2026-01-01T00:00:00Z"}""", 10094, "consumer delivery policy is deliver by start time, but optional start start sequence is also set")]
    [InlineData("""{"sample_freq":"abc"}""", 10095, "failed to parse consumer sampling configuration: strconv.Atoi: parsing \"abc\": invalid syntax")]
    [InlineData("""{"sample_freq":"-5%"}""", 10095, "failed to parse consumer sampling configuration: <nil>")]
    [InlineData("""{"sample_freq":"99999999999999999999"}""", 10095, "failed to parse consumer sampling configuration: strconv.Atoi: parsing \"99999999999999999999\": value out of range")]
    [InlineData("""{"filter_subject":"d.x"}""", 10093, "consumer filter subject is not a valid subset of the interest subjects")]
    [InlineData("""{"filter_subject":"c..x"}""", 10093, "consumer filter subject is not a valid subset of the interest subjects")]
    [InlineData("""{"deliver_subject":"c.x"}""", 10081, "consumer deliver subject forms a cycle")]
    [InlineData("""{"deliver_subject":"x.*"}""", 10079, "consumer deliver subject has wildcards")]
    [InlineData("""{"deliver_subject":"x..y"}""", 10112, "invalid push consumer deliver subject")]
    [InlineData("""{"deliver_subject":"x","max_waiting":5}""", 10080, "consumer in push mode can not set max waiting")]
    [InlineData("""{"deliver_subject":"x","max_ack_pending":5}""", 10082, "consumer requires ack policy for max ack pending")]
    [InlineData("""{"deliver_subject":"x","idle_heartbeat":5}""", 10083, "consumer idle heartbeat needs to be >= 100ms")]
    [InlineData("""{"idle_heartbeat":1000000000}""", 10088, "consumer idle heartbeat requires a push based consumer")]
    [InlineData("""{"flow_control":true}""", 10089, "consumer flow control requires a push based consumer")]
    [InlineData("""{"deliver_subject":"x","flow_control":true}""", 10108, "consumer with flow control also needs heartbeats")]
    [InlineData("""{"backoff":[1000000000]}""", 10116, "max deliver is required to be > length of backoff values")]
    [InlineData("""{"backoff":[1,2],"max_deliver":2}""", 10116, "max deliver is required to be > length of backoff values")]
    [InlineData("""{"max_batch":-1}""", 10114, "consumer max request batch needs to be > 0")]
    [InlineData("""{"max_expires":5}""", 10115, "consumer max request expires needs to be >= 1ms")]
    [InlineData("""{"rate_limit_bps":5}""", 10086, "consumer in pull mode can not have rate limit set")]
    [InlineData("""{"max_waiting":-1}""", 10087, "consumer max waiting needs to be positive")]
    [InlineData("""{"num_replicas":-1}""", 10133, "replicas count cannot be negative")]
    [InlineData("""{"num_replicas":2}""", 10126, "consumer config replica count exceeds parent stream")]
    [InlineData("""{"durable_name":"d1","name":"zz"}""", 10132, "Consumer Durable and Name have to be equal if both are provided")]
    public void Normalize_rules_and_texts(string json, int errCode, string description)
    {
        var error = Normalize(json).Error;
        Assert.NotNull(error);
        Assert.Equal((errCode, description), (error.ErrCode, error.Description));
    }

    [Theory]
    [InlineData("""{"filter_subject":">"}""")]
    [InlineData("""{"filter_subject":"c.*.x"}""")]
    [InlineData("""{"filter_subject":"c.a","deliver_policy":"last_per_subject"}""")]
    [InlineData("""{"deliver_subject":"x","idle_heartbeat":100000000,"flow_control":true}""")]
    [InlineData("""{"sample_freq":"+7%"}""")]
    [InlineData("""{"deliver_group":"g"}""")] // 2.9.10 accepts deliver_group on pull
    [InlineData("""{"num_replicas":1}""")]
    public void Normalize_accepts(string json) => Assert.False(Normalize(json).IsError, Normalize(json).Error?.Description);

    [Fact]
    public void Normalize_workqueue_pull_needs_acks()
    {
        var workQueue = JsTestData.NormalizedStream("""{"name":"W","retention":"workqueue"}""");
        Assert.Same(JsErrors.ConsumerPullRequiresAck, Normalize("""{}""", workQueue).Error);
    }

    [Fact]
    public void Normalize_description_limit_counts_bytes()
    {
        Assert.Equal(JsErrors.ConsumerDescriptionTooLong(4096), Normalize($$"""{"description":"{{new string('é', 2049)}}"}""").Error);
        Assert.False(Normalize($$"""{"description":"{{new string('x', 4096)}}"}""").IsError);
    }
}
