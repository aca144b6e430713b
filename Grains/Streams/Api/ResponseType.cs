namespace Natrium.Grains.Streams.Api;

/// The `type` of each API answer (`io.nats.jetstream.api.v1.<x>_response`, jetstream_api.go).
internal static class ResponseType
{
    private const string Prefix = "io.nats.jetstream.api.v1.";

    public static string Of(JsApiOp op) => Prefix + op switch
    {
        JsApiOp.AccountInfo => "account_info_response",
        JsApiOp.StreamCreate => "stream_create_response",
        JsApiOp.StreamUpdate => "stream_update_response",
        JsApiOp.StreamInfo => "stream_info_response",
        JsApiOp.StreamDelete => "stream_delete_response",
        JsApiOp.StreamPurge => "stream_purge_response",
        JsApiOp.StreamNames => "stream_names_response",
        JsApiOp.StreamList => "stream_list_response",
        JsApiOp.StreamMsgGet => "stream_msg_get_response",
        JsApiOp.StreamMsgDelete => "stream_msg_delete_response",
        JsApiOp.ConsumerCreate or JsApiOp.ConsumerCreateNamed or JsApiOp.ConsumerCreateDurable => "consumer_create_response",
        JsApiOp.ConsumerNames => "consumer_names_response",
        JsApiOp.ConsumerList => "consumer_list_response",
        JsApiOp.ConsumerInfo => "consumer_info_response",
        JsApiOp.ConsumerDelete => "consumer_delete_response",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "answered with messages and statuses, not JSON"),
    };
}
