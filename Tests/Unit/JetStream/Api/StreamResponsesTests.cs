using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Api;

/// STREAM.* answers, byte for byte against spec examples and bytes seen on 2.9.10.
public sealed class StreamResponsesTests
{
    private const string DefaultConfig = """{"name":"D","subjects":["d.\u003e"],"retention":"limits","max_consumers":-1,"max_msgs":-1,"max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old","storage":"file","num_replicas":1,"duplicate_window":120000000000,"allow_direct":false,"mirror_direct":false,"sealed":false,"deny_delete":false,"deny_purge":false,"allow_rollup_hdrs":false}""";

    private static readonly StreamConfig D = JsTestData.NormalizedStream("""{"name":"D","subjects":["d.>"]}""");

    private static readonly StreamStateView Gapped = new(
        Messages: 3, Bytes: 103, FirstSeq: 1, FirstTimeNanos: JsTestData.Nanos("2026-12-02T19:35:00.584327546Z"),
        LastSeq: 4, LastTimeNanos: JsTestData.Nanos("2026-12-02T19:35:01.792451444Z"), NumSubjects: 2, NumDeleted: 1);

    private static readonly long Created = JsTestData.Nanos("2026-12-02T19:35:00.380662915Z");

    [Fact]
    public void Created_matches_the_spec_example()
    {
        var request = JsTestData.Stream("""{"name":"ORDERS","subjects":["orders.\u003E"],"retention":"limits","max_consumers":0,"max_msgs":0,"max_bytes":0,"max_age":0,"storage":"file","num_replicas":0}""");
        var cfg = StreamConfigRules.NormalizeCreate(request, "ORDERS", JetStreamLimitsView.Unlimited).Value!;
        var info = new StreamInfoView(cfg, JsTestData.Nanos("2026-12-02T14:28:29.952034581Z"), StreamStateView.Empty);
        Assert.Equal(
            """{"type":"io.nats.jetstream.api.v1.stream_create_response","config":{"name":"ORDERS","subjects":["orders.\u003e"],"retention":"limits","max_consumers":-1,"max_msgs":-1,"max_bytes":-1,"max_age":0,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old","storage":"file","num_replicas":1,"duplicate_window":120000000000,"allow_direct":false,"mirror_direct":false,"sealed":false,"deny_delete":false,"deny_purge":false,"allow_rollup_hdrs":false},"created":"2026-12-02T14:28:29.952034581Z","state":{"messages":0,"bytes":0,"first_seq":0,"first_ts":"0001-01-01T00:00:00Z","last_seq":0,"last_ts":"0001-01-01T00:00:00Z","consumer_count":0},"did_create":true}""",
            JsTestData.Text(StreamResponses.Created(info)));
    }

    [Fact]
    public void Info_with_subjects_filter_and_deleted_details()
    {
        var info = new StreamInfoView(D, Created, Gapped with { Deleted = [2] });
        var counts = new Dictionary<string, ulong> { ["d.c"] = 1, ["d.a"] = 2 };
        Assert.Equal(
            $$$"""{"type":"io.nats.jetstream.api.v1.stream_info_response","total":2,"offset":0,"limit":100000,"config":{{{DefaultConfig}}},"created":"2026-12-02T19:35:00.380662915Z","state":{"messages":3,"bytes":103,"first_seq":1,"first_ts":"2026-12-02T19:35:00.584327546Z","last_seq":4,"last_ts":"2026-12-02T19:35:01.792451444Z","num_subjects":2,"subjects":{"d.a":2,"d.c":1},"num_deleted":1,"deleted":[2],"consumer_count":0},"domain":"hub"}""",
            JsTestData.Text(StreamResponses.Info(info, "hub", counts)));
    }

    [Fact]
    public void Info_subject_offset_past_the_end_is_clamped_and_drops_the_map()
    {
        var info = new StreamInfoView(D, Created, Gapped);
        var counts = new Dictionary<string, ulong> { ["d.a"] = 2, ["d.c"] = 1 };
        string text = JsTestData.Text(StreamResponses.Info(info, null, counts, offset: 5));
        Assert.StartsWith("""{"type":"io.nats.jetstream.api.v1.stream_info_response","total":2,"offset":2,"limit":100000,"config":""", text);
        Assert.DoesNotContain("\"subjects\":{", text);
        string second = JsTestData.Text(StreamResponses.Info(info, null, counts, offset: 1));
        Assert.StartsWith("""{"type":"io.nats.jetstream.api.v1.stream_info_response","total":2,"offset":1,"limit":100000,""", second);
        Assert.Contains(""","num_subjects":2,"subjects":{"d.c":1},"num_deleted":1,""", second);
    }

    [Fact]
    public void Info_without_matching_subjects_has_zero_paging_and_no_domain_when_unset()
    {
        var info = new StreamInfoView(D, Created, Gapped);
        Assert.Equal(
            $$$"""{"type":"io.nats.jetstream.api.v1.stream_info_response","total":0,"offset":0,"limit":0,"config":{{{DefaultConfig}}},"created":"2026-12-02T19:35:00.380662915Z","state":{"messages":3,"bytes":103,"first_seq":1,"first_ts":"2026-12-02T19:35:00.584327546Z","last_seq":4,"last_ts":"2026-12-02T19:35:01.792451444Z","num_subjects":2,"num_deleted":1,"consumer_count":0}}""",
            JsTestData.Text(StreamResponses.Info(info, null, new Dictionary<string, ulong>())));
    }

    [Fact]
    public void Info_after_purge_and_after_interest_removal()
    {
        // §2.3: first_seq = last_seq+1; first_ts is Go's zero time after a purge, 1970 after
        // interest-retention removal.
        var purged = new StreamStateView(FirstSeq: 6, LastSeq: 5, LastTimeNanos: JsTestData.Nanos("2026-12-02T19:35:10.759239955Z"));
        Assert.Contains(""","state":{"messages":0,"bytes":0,"first_seq":6,"first_ts":"0001-01-01T00:00:00Z","last_seq":5,"last_ts":"2026-12-02T19:35:10.759239955Z","consumer_count":0},"domain":"hub"}""",
            JsTestData.Text(StreamResponses.Info(new StreamInfoView(D, Created, purged), "hub")));
        Assert.Contains("\"first_ts\":\"1970-01-01T00:00:00Z\"",
            JsTestData.Text(StreamResponses.Info(new StreamInfoView(D, Created, purged with { FirstTimeNanos = 0 }), null)));
    }

    [Fact]
    public void Updated_has_domain_after_state()
    {
        Assert.Equal(
            $$$"""{"type":"io.nats.jetstream.api.v1.stream_update_response","config":{{{DefaultConfig}}},"created":"2026-12-02T19:35:00.380662915Z","state":{"messages":3,"bytes":103,"first_seq":1,"first_ts":"2026-12-02T19:35:00.584327546Z","last_seq":4,"last_ts":"2026-12-02T19:35:01.792451444Z","num_subjects":2,"num_deleted":1,"consumer_count":0},"domain":"hub"}""",
            JsTestData.Text(StreamResponses.Updated(new StreamInfoView(D, Created, Gapped), "hub")));
    }

    [Fact]
    public void Deleted_purged_and_message_deleted()
    {
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.stream_delete_response","success":true}""", JsTestData.Text(StreamResponses.Deleted()));
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.stream_purge_response","success":true,"purged":2}""", JsTestData.Text(StreamResponses.Purged(2)));
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.stream_purge_response","success":true,"purged":0}""", JsTestData.Text(StreamResponses.Purged(0)));
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.stream_msg_delete_response","success":true}""", JsTestData.Text(StreamResponses.MessageDeleted()));
    }

    [Fact]
    public void Names_pages_sorted_and_null_past_the_end()
    {
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.stream_names_response","total":3,"offset":0,"limit":1024,"streams":["P1","P2","P3"]}""",
            JsTestData.Text(StreamResponses.Names(["P3", "P1", "P2"], 0)));
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.stream_names_response","total":3,"offset":2,"limit":1024,"streams":["P3"]}""",
            JsTestData.Text(StreamResponses.Names(["P3", "P1", "P2"], 2)));
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.stream_names_response","total":1,"offset":1,"limit":1024,"streams":null}""",
            JsTestData.Text(StreamResponses.Names(["D"], 1)));
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.stream_names_response","total":0,"offset":0,"limit":1024,"streams":null}""",
            JsTestData.Text(StreamResponses.Names([], 0)));
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.stream_names_response","total":1,"offset":0,"limit":1024,"streams":["D"]}""",
            JsTestData.Text(StreamResponses.Names(["D"], -1))); // 2.9.10 panics here; 0 instead
    }

    [Fact]
    public void Names_cut_at_1024_and_list_at_256()
    {
        var names = Enumerable.Range(0, 1500).Select(i => $"S{i:D4}").ToList();
        string page = JsTestData.Text(StreamResponses.Names(names, 10));
        Assert.StartsWith("""{"type":"io.nats.jetstream.api.v1.stream_names_response","total":1500,"offset":10,"limit":1024,"streams":["S0010",""", page);
        Assert.EndsWith("\"S1033\"]}", page);
        var infos = names.Take(300).Select(name => new StreamInfoView(D with { Name = name }, Created, StreamStateView.Empty));
        string list = JsTestData.Text(StreamResponses.List(infos, 0, null));
        Assert.Equal(256, list.Split("\"config\":").Length - 1);
        Assert.StartsWith("""{"type":"io.nats.jetstream.api.v1.stream_list_response","total":300,"offset":0,"limit":256,"streams":[{"config":{"name":"S0000",""", list);
    }

    [Fact]
    public void List_empty_page_is_an_empty_array()
    {
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.stream_list_response","total":0,"offset":0,"limit":256,"streams":[]}""",
            JsTestData.Text(StreamResponses.List([], 0, null)));
        Assert.Equal("""{"type":"io.nats.jetstream.api.v1.stream_list_response","total":1,"offset":1,"limit":256,"streams":[]}""",
            JsTestData.Text(StreamResponses.List([new StreamInfoView(D, Created, Gapped)], 7, "hub")));
    }

    [Fact]
    public void List_items_carry_the_domain()
    {
        string list = JsTestData.Text(StreamResponses.List([new StreamInfoView(D, Created, StreamStateView.Empty)], 0, "hub"));
        Assert.EndsWith(""","consumer_count":0},"domain":"hub"}]}""", list);
    }

    [Fact]
    public void Message_matches_the_spec_example()
    {
        var message = new StoredMessage(9, "orders.x", "NATS/1.0\r\nNats-Msg-Id: m1\r\n\r\n"u8.ToArray(), "d1"u8.ToArray(),
            JsTestData.Nanos("2026-12-02T14:22:52.128833599Z"));
        Assert.Equal(
            """{"type":"io.nats.jetstream.api.v1.stream_msg_get_response","message":{"subject":"orders.x","seq":9,"hdrs":"TkFUUy8xLjANCk5hdHMtTXNnLUlkOiBtMQ0KDQo=","data":"ZDE=","time":"2026-12-02T14:22:52.128833599Z"}}""",
            JsTestData.Text(StreamResponses.Message(message)));
    }

    [Fact]
    public void Message_without_headers_or_payload_omits_both()
    {
        var message = new StoredMessage(2, "p.b", ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty,
            JsTestData.Nanos("2026-12-02T19:07:46.865154543Z"));
        Assert.Equal(
            """{"type":"io.nats.jetstream.api.v1.stream_msg_get_response","message":{"subject":"p.b","seq":2,"time":"2026-12-02T19:07:46.865154543Z"}}""",
            JsTestData.Text(StreamResponses.Message(message)));
    }
}
