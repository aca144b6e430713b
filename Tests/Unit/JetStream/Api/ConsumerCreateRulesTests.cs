using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// CONSUMER.CREATE subject forms of spec §4.1; each answer seen on 2.9.10.
public sealed class ConsumerCreateRulesTests
{
    private static ApiResult<ConsumerConfig> Check(string subject, string body)
    {
        var request = ConsumerCreateRequest.Parse(JsTestData.Bytes(body));
        Assert.False(request.IsError);
        return ConsumerCreateRules.CheckRequest(JsApiSubject.Parse(subject)!, request.Value);
    }

    [Fact]
    public void CheckRequest_named_form_takes_the_name_from_the_subject()
    {
        var cfg = Check("$JS.API.CONSUMER.CREATE.S.n1", """{"stream_name":"S","config":{"name":"other"}}""");
        Assert.Equal("n1", cfg.Value!.Name);
    }

    [Fact]
    public void CheckRequest_nats_net_durable_with_filter_passes()
    {
        var cfg = Check("$JS.API.CONSUMER.CREATE.ORDERS.proc.orders.*",
            """{"stream_name":"ORDERS","config":{"deliver_policy":"all","durable_name":"proc","name":"proc","ack_policy":"explicit","filter_subject":"orders.*","replay_policy":"instant"}}""");
        Assert.False(cfg.IsError);
        Assert.Equal("orders.*", cfg.Value.FilterSubject);
    }

    [Fact]
    public void CheckRequest_single_filter_token_is_not_compared()
    {
        // `CREATE.S.n1.foo` with filter s.a was created as n1 on 2.9.10.
        Assert.False(Check("$JS.API.CONSUMER.CREATE.S.n1.foo", """{"stream_name":"S","config":{"filter_subject":"s.a"}}""").IsError);
    }

    [Theory]
    [InlineData("$JS.API.CONSUMER.CREATE.S.n2.s.b", """{"stream_name":"S","config":{"filter_subject":"s.a"}}""")]
    [InlineData("$JS.API.CONSUMER.CREATE.S.n2.s.b", """{"stream_name":"S","config":{}}""")]
    public void CheckRequest_filter_from_subject_must_equal_config_10131(string subject, string body) =>
        Assert.Same(JsErrors.ConsumerCreateFilterSubjectMismatch, Check(subject, body).Error);

    [Theory]
    [InlineData("$JS.API.CONSUMER.CREATE.S.n3", """{"stream_name":"S","config":{"durable_name":"x"}}""", 10017)]
    [InlineData("$JS.API.CONSUMER.CREATE.S", """{"stream_name":"S","config":{"durable_name":"x"}}""", 10020)]
    [InlineData("$JS.API.CONSUMER.DURABLE.CREATE.S.d1", """{"stream_name":"S","config":{}}""", 10018)]
    [InlineData("$JS.API.CONSUMER.DURABLE.CREATE.S.d1", """{"stream_name":"S","config":{"durable_name":"d2"}}""", 10017)]
    [InlineData("$JS.API.CONSUMER.CREATE.S.a\\b", """{"stream_name":"S","config":{}}""", 10127)]
    [InlineData("$JS.API.CONSUMER.DURABLE.CREATE.S.a/b", """{"stream_name":"S","config":{"durable_name":"a/b"}}""", 10127)]
    [InlineData("$JS.API.CONSUMER.CREATE.S", """{"stream_name":"T","config":{}}""", 10056)]
    [InlineData("$JS.API.CONSUMER.CREATE.S", """{"config":{}}""", 10056)]
    public void CheckRequest_subject_errors(string subject, string body, int errCode) =>
        Assert.Equal(errCode, Check(subject, body).Error!.ErrCode);

    [Fact]
    public void CheckRequest_accepts_more_than_one_replica() =>
        Assert.Equal(3, Check("$JS.API.CONSUMER.CREATE.S.n", """{"stream_name":"S","config":{"num_replicas":3}}""").Value!.Replicas);

    [Fact]
    public void CheckRequest_legacy_forms_keep_config_name()
    {
        var durable = Check("$JS.API.CONSUMER.DURABLE.CREATE.S.d1", """{"stream_name":"S","config":{"durable_name":"d1"}}""");
        Assert.Null(durable.Value!.Name); // 2.9.10's echo lacks config.name here
        var ephemeral = Check("$JS.API.CONSUMER.CREATE.S", """{"stream_name":"S","config":{"name":"eph1"}}""");
        Assert.Equal("eph1", ephemeral.Value!.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("""{"stream_name":5}""")]
    [InlineData("""{"stream_name":"S","config":{"ack_policy":"bogus"}}""")]
    public void Parse_bad_body_is_invalid_json(string body) =>
        Assert.Same(JsErrors.InvalidJson, ConsumerCreateRequest.Parse(JsTestData.Bytes(body)).Error);

    [Fact]
    public void Parse_missing_config_is_the_zero_config()
    {
        // `{"stream_name":"P"}` created consumer t5 with defaults on 2.9.10.
        var request = ConsumerCreateRequest.Parse("""{"stream_name":"P","config":null}"""u8);
        Assert.NotNull(request.Value!.Config);
    }
}
