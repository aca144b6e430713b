using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// CONSUMER.* answers against the spec §4.3 example and bytes seen on 2.9.10.
public sealed class ConsumerResponsesTests
{
    private static readonly StreamConfig Orders = JsTestData.NormalizedStream("""{"name":"ORDERS","subjects":["orders.>"]}""");

    [Fact]
    public void Created_nats_net_durable_matches_the_spec_example()
    {
        // NATS.Net CreateOrUpdateConsumerAsync(new ConsumerConfig("proc"){FilterSubject="orders.*"}), spec §10.3.
        var subject = JsApiSubject.Parse("$JS.API.CONSUMER.CREATE.ORDERS.proc.orders.*")!;
        var body = ConsumerCreateRequest.Parse(
            """{"stream_name":"ORDERS","config":{"deliver_policy":"all","durable_name":"proc","name":"proc","ack_policy":"explicit","filter_subject":"orders.*","replay_policy":"instant"}}"""u8).Value!;
        var requested = ConsumerCreateRules.CheckRequest(subject, body).Value!;
        var normalized = ConsumerConfigRules.Normalize(requested, Orders, JetStreamLimitsView.Unlimited).Value!;
        var stored = ConsumerConfigRules.CheckNew(normalized, Orders, JetStreamLimitsView.Unlimited, []).Value!;
        var info = new ConsumerInfoView("ORDERS", ConsumerConfigRules.NameOf(stored), JsTestData.Nanos("2026-12-02T14:28:30.767179557Z"),
            stored, ConsumerStateView.Initial with { NumPending = 2 });
        Assert.Equal(
            """{"type":"io.nats.jetstream.api.v1.consumer_create_response","stream_name":"ORDERS","name":"proc","created":"2026-12-02T14:28:30.767179557Z","config":{"durable_name":"proc","name":"proc","deliver_policy":"all","ack_policy":"explicit","ack_wait":30000000000,"max_deliver":-1,"filter_subject":"orders.*","replay_policy":"instant","max_waiting":512,"max_ack_pending":1000,"num_replicas":0},"delivered":{"consumer_seq":0,"stream_seq":0},"ack_floor":{"consumer_seq":0,"stream_seq":0},"num_ack_pending":0,"num_redelivered":0,"num_waiting":0,"num_pending":2}""",
            JsTestData.Text(ConsumerResponses.Created(info)));
    }

    [Fact]
    public void Info_writes_last_active_when_known()
    {
        var cfg = JsTestData.Consumer("""{"durable_name":"c","name":"c","ack_policy":"explicit","ack_wait":30000000000,"max_deliver":-1,"max_waiting":512,"max_ack_pending":1000}""");
        var state = new ConsumerStateView(
            new SequencePair(1, 1, JsTestData.Nanos("2026-12-02T19:07:46.864964413Z")),
            new SequencePair(1, 1, JsTestData.Nanos("2026-12-02T19:07:47.271709353Z")),
            NumPending: 2);
        var info = new ConsumerInfoView("P", "c", JsTestData.Nanos("2026-12-02T19:07:20.206465013Z"), cfg, state);
        Assert.Equal(
            """{"type":"io.nats.jetstream.api.v1.consumer_info_response","stream_name":"P","name":"c","created":"2026-12-02T19:07:20.206465013Z","config":{"durable_name":"c","name":"c","deliver_policy":"all","ack_policy":"explicit","ack_wait":30000000000,"max_deliver":-1,"replay_policy":"instant","max_waiting":512,"max_ack_pending":1000,"num_replicas":0},"delivered":{"consumer_seq":1,"stream_seq":1,"last_active":"2026-12-02T19:07:46.864964413Z"},"ack_floor":{"consumer_seq":1,"stream_seq":1,"last_active":"2026-12-02T19:07:47.271709353Z"},"num_ack_pending":0,"num_redelivered":0,"num_waiting":0,"num_pending":2}""",
            JsTestData.Text(ConsumerResponses.Info(info)));
    }

    [Fact]
    public void Info_push_bound_only_when_true()
    {
        var cfg = JsTestData.Consumer("""{"deliver_subject":"x"}""");
        var bound = new ConsumerInfoView("S", "p", 0, cfg, ConsumerStateView.Initial with { PushBound = true, NumAckPending = 3, NumRedelivered = 1 });
        Assert.EndsWith(""","num_ack_pending":3,"num_redelivered":1,"num_waiting":0,"num_pending":0,"push_bound":true}""",
            JsTestData.Text(ConsumerResponses.Info(bound)));
        Assert.DoesNotContain("push_bound", JsTestData.Text(ConsumerResponses.Info(bound with { State = ConsumerStateView.Initial })));
    }

    [Fact]
    public void Deleted_is_success()
    {
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.consumer_delete_response","success":true}""",
            JsTestData.Text(ConsumerResponses.Deleted()));
    }

    [Fact]
    public void Names_and_list_are_empty_arrays_past_the_end()
    {
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.consumer_names_response","total":0,"offset":0,"limit":1024,"consumers":[]}""",
            JsTestData.Text(ConsumerResponses.Names([], 7)));
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.consumer_list_response","total":0,"offset":0,"limit":256,"consumers":[]}""",
            JsTestData.Text(ConsumerResponses.List([], 0)));
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.consumer_names_response","total":2,"offset":2,"limit":1024,"consumers":[]}""",
            JsTestData.Text(ConsumerResponses.Names(["b", "a"], 3)));
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.consumer_names_response","total":2,"offset":0,"limit":1024,"consumers":["a","b"]}""",
            JsTestData.Text(ConsumerResponses.Names(["b", "a"], 0)));
    }

    [Fact]
    public void List_writes_sorted_infos_without_type()
    {
        var cfg = JsTestData.Consumer("""{"durable_name":"x"}""");
        var infos = new[] { "b", "a" }.Select(name => new ConsumerInfoView("S", name, 0, cfg with { DurableName = name }, ConsumerStateView.Initial));
        string list = JsTestData.Text(ConsumerResponses.List(infos, 1));
        Assert.Equal(
            """{"type":"io.nats.jetstream.api.v1.consumer_list_response","total":2,"offset":1,"limit":256,"consumers":[{"stream_name":"S","name":"b","created":"1970-01-01T00:00:00Z","config":{"durable_name":"b","deliver_policy":"all","ack_policy":"none","replay_policy":"instant","num_replicas":0},"delivered":{"consumer_seq":0,"stream_seq":0},"ack_floor":{"consumer_seq":0,"stream_seq":0},"num_ack_pending":0,"num_redelivered":0,"num_waiting":0,"num_pending":0}]}""",
            list);
    }
}
