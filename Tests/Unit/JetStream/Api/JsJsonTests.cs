using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// Request bodies read as 2.9.10's Go json.Unmarshal reads them (each case seen on 2.9.10).
public sealed class JsJsonTests
{
    [Fact]
    public void TryRead_names_match_ignoring_case_and_null_is_zero()
    {
        var cfg = JsTestData.Stream("""{"NAME":"T","Max_Msgs":null,"discard":"NEW","subjects":null}""");
        Assert.Equal("T", cfg.Name);
        Assert.Equal(0, cfg.MaxMsgs);
        Assert.Equal(DiscardPolicy.New, cfg.Discard);
        Assert.Null(cfg.Subjects);
    }

    [Fact]
    public void TryRead_unknown_fields_are_ignored()
    {
        // NATS.Net 3.x sends 2.10's `action` and `filter_subjects`; 2.9.10 drops them silently.
        var request = ConsumerCreateRequest.Parse(JsTestData.Bytes(
            """{"stream_name":"S","config":{"filter_subjects":["a","b"],"metadata":{"k":"v"}},"action":"create"}"""));
        Assert.False(request.IsError);
        Assert.Null(request.Value.Config!.FilterSubject);
    }

    [Theory]
    [InlineData("""{"name":"T","retention":1}""")]
    [InlineData("""{"name":"T","retention":"Limits"}""")]
    [InlineData("""{"name":"T","retention":null}""")]
    [InlineData("""{"name":"T","retention":"bogus"}""")]
    [InlineData("""{"name":"T","storage":"any"}""")] // 2.9.10 parses it, then panics
    [InlineData("""{"name":"T","max_msg_size":3000000000}""")]
    [InlineData("""{"name":"T","max_msgs":1.0}""")]
    [InlineData("""{"name":"T","max_msgs":"1"}""")]
    [InlineData("""{"name":"T","sealed":1}""")]
    [InlineData("""{"name":"T","subjects":"a"}""")]
    [InlineData("""{"name":"T"} x""")]
    [InlineData("""{"name":"T",}""")]
    [InlineData("""[]""")]
    [InlineData(""" """)]
    [InlineData("")]
    [InlineData("x")]
    public void StreamConfig_malformed_is_invalid_json(string body)
    {
        var result = StreamConfigJson.Parse(JsTestData.Bytes(body));
        Assert.Same(JsErrors.InvalidJson, result.Error);
    }

    [Fact]
    public void StreamConfig_null_body_is_the_zero_config()
    {
        // 2.9.10 answers `null` with 10056 (name mismatch), not invalid JSON.
        var result = StreamConfigJson.Parse("null"u8);
        Assert.False(result.IsError);
        Assert.Null(result.Value.Name);
    }

    [Theory]
    [InlineData("all", "All")]
    [InlineData("undefined", "All")]
    [InlineData("last", "Last")]
    [InlineData("new", "New")]
    [InlineData("by_start_sequence", "ByStartSequence")]
    [InlineData("by_start_time", "ByStartTime")]
    [InlineData("last_per_subject", "LastPerSubject")]
    public void ConsumerConfig_deliver_policy_names(string name, string expected) =>
        Assert.Equal(expected, JsTestData.Consumer($$"""{"deliver_policy":"{{name}}"}""").DeliverPolicy.ToString());

    [Theory]
    [InlineData("""{"ack_policy":"Explicit"}""")]
    [InlineData("""{"replay_policy":"fast"}""")]
    [InlineData("""{"deliver_policy":0}""")]
    [InlineData("""{"opt_start_time":"2026-01-01 00:00:00Z"}""")]
    [InlineData("""{"opt_start_time":5}""")]
    [InlineData("""{"backoff":["1s"]}""")]
    [InlineData("""{"opt_start_seq":-1}""")]
    public void ConsumerConfig_malformed_is_refused(string json) =>
        Assert.False(JsJson.TryRead(JsTestData.Bytes(json), out ConsumerConfig _));

    [Fact]
    public void ConsumerConfig_reads_times_durations_and_backoff()
    {
        var cfg = JsTestData.Consumer(
            """{"opt_start_time":"2026-01-01T00:00:00.5+02:00","ack_wait":null,"backoff":[1000000000,2000000000]}""");
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 500, TimeSpan.FromHours(2)), cfg.OptStartTime);
        Assert.Equal([1_000_000_000L, 2_000_000_000L], cfg.BackoffNanos!);
        Assert.Equal(0, cfg.AckWaitNanos);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("{}", true)]
    [InlineData("{ }", true)]
    [InlineData(" {}", true)]
    [InlineData("{} ", true)]
    [InlineData(" ", false)]
    [InlineData("null", false)]
    [InlineData("[]", false)]
    [InlineData("x", false)]
    [InlineData("{}x", false)]
    [InlineData("""{"a":1}""", false)]
    public void IsEmptyRequest_only_no_bytes_or_an_empty_object(string body, bool expected) =>
        Assert.Equal(expected, JsJson.IsEmptyRequest(JsTestData.Bytes(body)));
}
