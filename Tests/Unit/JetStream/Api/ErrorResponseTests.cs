using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// Error envelopes, each byte string seen on 2.9.10.
public sealed class ErrorResponseTests
{
    [Theory]
    [InlineData("StreamInfo", """{"type":"io.nats.jetstream.api.v1.stream_info_response","error":{"code":404,"err_code":10059,"description":"stream not found"},"total":0,"offset":0,"limit":0}""")]
    [InlineData("StreamPurge", """{"type":"io.nats.jetstream.api.v1.stream_purge_response","error":{"code":404,"err_code":10059,"description":"stream not found"},"purged":0}""")]
    [InlineData("StreamNames", """{"type":"io.nats.jetstream.api.v1.stream_names_response","error":{"code":404,"err_code":10059,"description":"stream not found"},"total":0,"offset":0,"limit":0,"streams":null}""")]
    [InlineData("StreamList", """{"type":"io.nats.jetstream.api.v1.stream_list_response","error":{"code":404,"err_code":10059,"description":"stream not found"},"total":0,"offset":0,"limit":0,"streams":[]}""")]
    [InlineData("ConsumerNames", """{"type":"io.nats.jetstream.api.v1.consumer_names_response","error":{"code":404,"err_code":10059,"description":"stream not found"},"total":0,"offset":0,"limit":0,"consumers":[]}""")]
    [InlineData("ConsumerList", """{"type":"io.nats.jetstream.api.v1.consumer_list_response","error":{"code":404,"err_code":10059,"description":"stream not found"},"total":0,"offset":0,"limit":0,"consumers":[]}""")]
    [InlineData("ConsumerInfo", """{"type":"io.nats.jetstream.api.v1.consumer_info_response","error":{"code":404,"err_code":10059,"description":"stream not found"}}""")]
    [InlineData("StreamDelete", """{"type":"io.nats.jetstream.api.v1.stream_delete_response","error":{"code":404,"err_code":10059,"description":"stream not found"}}""")]
    [InlineData("StreamMsgGet", """{"type":"io.nats.jetstream.api.v1.stream_msg_get_response","error":{"code":404,"err_code":10059,"description":"stream not found"}}""")]
    [InlineData("StreamMsgDelete", """{"type":"io.nats.jetstream.api.v1.stream_msg_delete_response","error":{"code":404,"err_code":10059,"description":"stream not found"}}""")]
    [InlineData("StreamUpdate", """{"type":"io.nats.jetstream.api.v1.stream_update_response","error":{"code":404,"err_code":10059,"description":"stream not found"}}""")]
    public void For_keeps_the_zero_fields_go_does_not_omit(string op, string expected) =>
        Assert.Equal(expected, JsTestData.Text(ErrorResponse.For(Enum.Parse<JsApiOp>(op), JsErrors.StreamNotFound)));

    [Theory]
    [InlineData("StreamCreate", "stream_create_response")]
    [InlineData("ConsumerCreate", "consumer_create_response")]
    [InlineData("ConsumerCreateNamed", "consumer_create_response")]
    [InlineData("ConsumerCreateDurable", "consumer_create_response")]
    [InlineData("ConsumerDelete", "consumer_delete_response")]
    [InlineData("AccountInfo", "account_info_response")]
    public void For_plain_answers_have_type_and_error_only(string op, string type) =>
        Assert.Equal(
            $$$"""{"type":"io.nats.jetstream.api.v1.{{{type}}}","error":{"code":400,"err_code":10025,"description":"invalid JSON"}}""",
            JsTestData.Text(ErrorResponse.For(Enum.Parse<JsApiOp>(op), JsErrors.InvalidJson)));

    [Fact]
    public void For_escapes_descriptions_like_go()
    {
        // Seen on 2.9.10: `subject "a.*" overlaps with "a.b"` and `'>'` in 10052/10103 texts.
        var overlap = ErrorResponse.For(JsApiOp.StreamCreate, JsErrors.StreamInvalidConfig("subject \"a.*\" overlaps with \"a.b\""));
        Assert.Equal(
            """{"type":"io.nats.jetstream.api.v1.stream_create_response","error":{"code":500,"err_code":10052,"description":"subject \"a.*\" overlaps with \"a.b\""}}""",
            JsTestData.Text(overlap));
        var name = ErrorResponse.For(JsApiOp.ConsumerCreateNamed, JsErrors.ConsumerBadDurableName);
        Assert.Equal(
            """{"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10103,"description":"durable name can not contain '.', '*', '\u003e'"}}""",
            JsTestData.Text(name));
    }

    [Theory]
    [InlineData("ConsumerMsgNext")]
    [InlineData("DirectGet")]
    [InlineData("DirectGetLastBySubject")]
    public void For_operations_without_json_answers_throw(string op) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorResponse.For(Enum.Parse<JsApiOp>(op), JsErrors.BadRequest));
}
