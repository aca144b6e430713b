namespace Natrium.Grains.Streams.Api;

/// The error answer of each API operation, byte for byte as 2.9.10 marshals its response struct
/// with only `error` set (spec/jetstream.md §0, verified on 2.9.10 for each shape below):
/// `{"type":…,"error":{"code":…,"err_code":…,"description":…}}` plus the fields Go does not
/// omit: STREAM.INFO `total/offset/limit:0`; PURGE `purged:0`; STREAM.NAMES `…,"streams":null`;
/// STREAM.LIST `…,"streams":[]`; CONSUMER.NAMES and LIST `…,"consumers":[]`.
internal static class ErrorResponse
{
    public static byte[] For(JsApiOp op, ApiError error)
    {
        var json = new GoJsonWriter().BeginObject().Property("type", ResponseType.Of(op));
        Write(json.Name("error"), error);
        switch (op)
        {
            case JsApiOp.StreamInfo:
                Paging(json, 0, 0, 0);
                break;
            case JsApiOp.StreamPurge:
                json.Property("purged", 0L);
                break;
            case JsApiOp.StreamNames:
                Paging(json, 0, 0, 0).Name("streams").Null();
                break;
            case JsApiOp.StreamList:
                Paging(json, 0, 0, 0).Name("streams").BeginArray().EndArray();
                break;
            case JsApiOp.ConsumerNames or JsApiOp.ConsumerList:
                Paging(json, 0, 0, 0).Name("consumers").BeginArray().EndArray();
                break;
        }

        return json.EndObject().ToArray();
    }

    /// The error object itself; err_code and description are omitempty in Go.
    public static GoJsonWriter Write(GoJsonWriter json, ApiError error) => json.BeginObject()
        .Property("code", error.Code)
        .PropertyIfSet("err_code", error.ErrCode)
        .PropertyIfSet("description", error.Description)
        .EndObject();

    internal static GoJsonWriter Paging(GoJsonWriter json, int total, int offset, int limit) => json
        .Property("total", total)
        .Property("offset", offset)
        .Property("limit", limit);
}
