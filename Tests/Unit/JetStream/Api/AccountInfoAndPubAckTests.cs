using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// `$JS.API.INFO` (spec §1) and PubAck bytes (spec §3.1), as seen on 2.9.10.
public sealed class AccountInfoAndPubAckTests
{
    [Fact]
    public void AccountInfo_matches_the_spec_example()
    {
        var limits = new JetStreamLimitsView(MaxMemory: 1_000_000, MaxStore: 1_000_000, MaxStreams: 2, MaxConsumers: 2);
        var info = new AccountInfoView(0, 900_288, 2, 4, limits, "hub", 9, 4);
        Assert.Equal(
            """{"type":"io.nats.jetstream.api.v1.account_info_response","memory":0,"storage":900288,"streams":2,"consumers":4,"limits":{"max_memory":1000000,"max_storage":1000000,"max_streams":2,"max_consumers":2,"max_ack_pending":-1,"memory_max_stream_bytes":-1,"storage_max_stream_bytes":-1,"max_bytes_required":false},"domain":"hub","api":{"total":9,"errors":4}}""",
            JsTestData.Text(AccountInfoResponse.Write(info)));
    }

    [Fact]
    public void AccountInfo_without_domain_and_unlimited()
    {
        var info = new AccountInfoView(0, 103, 1, 0, JetStreamLimitsView.Unlimited, null, 3, 0);
        Assert.Equal(
            """{"type":"io.nats.jetstream.api.v1.account_info_response","memory":0,"storage":103,"streams":1,"consumers":0,"limits":{"max_memory":-1,"max_storage":-1,"max_streams":-1,"max_consumers":-1,"max_ack_pending":-1,"memory_max_stream_bytes":-1,"storage_max_stream_bytes":-1,"max_bytes_required":false},"api":{"total":3,"errors":0}}""",
            JsTestData.Text(AccountInfoResponse.Write(info)));
    }

    [Fact]
    public void AccountInfo_not_enabled_is_type_and_error()
    {
        Assert.Equal(
            """{"type":"io.nats.jetstream.api.v1.account_info_response","error":{"code":503,"err_code":10039,"description":"JetStream not enabled for account"}}""",
            JsTestData.Text(ErrorResponse.For(JsApiOp.AccountInfo, JsErrors.NotEnabledForAccount)));
    }

    [Fact]
    public void PubAck_stored_and_duplicate_keep_the_template_spaces()
    {
        var ack = new PubAck("ORDERS");
        Assert.Equal("""{"stream":"ORDERS", "seq":1}""", JsTestData.Text(ack.Stored(1)));
        Assert.Equal("""{"stream":"ORDERS", "seq":9,"duplicate": true}""", JsTestData.Text(ack.Duplicate(9)));
    }

    [Fact]
    public void PubAck_with_domain()
    {
        var ack = new PubAck("D", "hub");
        Assert.Equal("""{"stream":"D", "domain":"hub", "seq":1}""", JsTestData.Text(ack.Stored(1)));
        Assert.Equal("""{"stream":"D", "domain":"hub", "seq":5,"duplicate": true}""", JsTestData.Text(ack.Duplicate(5)));
    }

    [Fact]
    public void PubAck_error_has_no_template_spaces_and_no_domain()
    {
        Assert.Equal(
            """{"error":{"code":400,"err_code":10071,"description":"wrong last sequence: 10"},"stream":"ORDERS","seq":0}""",
            JsTestData.Text(new PubAck("ORDERS").Error(JsErrors.WrongLastSequence(10))));
        Assert.Equal(
            """{"error":{"code":400,"err_code":10070,"description":"wrong last msg ID: m1"},"stream":"D","seq":0}""",
            JsTestData.Text(new PubAck("D", "hub").Error(JsErrors.WrongLastMsgId("m1"))));
        Assert.Equal(
            """{"error":{"code":400,"err_code":10070,"description":"wrong last msg ID: \u003c\u0026\u003e"},"stream":"D","seq":0}""",
            JsTestData.Text(new PubAck("D").Error(JsErrors.WrongLastMsgId("<&>"))));
    }

    [Fact]
    public void PubAck_template_quotes_the_name_like_go_percent_q()
    {
        Assert.Equal("{\"stream\":\"a\\\"b\\x01\", \"seq\":3}", JsTestData.Text(new PubAck("a\"b\u0001").Stored(3)));
    }
}
