using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Streams.Api;

/// Success answers of the STREAM.* operations, byte for byte as 2.9.10 writes them
/// (spec/jetstream.md §2; each shape verified on 2.9.10). Errors: ErrorResponse.For.
internal static class StreamResponses
{
    /// STREAM.CREATE: StreamInfo without domain, then `"did_create":true` — also when an identical
    /// create finds the stream already there (§2.2).
    public static byte[] Created(StreamInfoView info) =>
        StreamInfoJson.WriteFields(Start(JsApiOp.StreamCreate), info, domain: null)
            .Property("did_create", true).EndObject().ToArray();

    public static byte[] Updated(StreamInfoView info, string? domain) =>
        StreamInfoJson.WriteFields(Start(JsApiOp.StreamUpdate), info, domain).EndObject().ToArray();

    /// STREAM.INFO: `total/offset/limit` come first. With subjects_filter, `subjectCounts` are the
    /// matching subjects and their message counts: then total is their number, limit 100000, the
    /// offset is clamped to total and state.subjects holds that page (omitted when empty); with no
    /// match, or no filter, all three are 0 (verified on 2.9.10).
    public static byte[] Info(StreamInfoView info, string? domain, IReadOnlyDictionary<string, ulong>? subjectCounts = null, long offset = 0)
    {
        var json = Start(JsApiOp.StreamInfo);
        List<KeyValuePair<string, ulong>>? subjects = null;
        if (subjectCounts is { Count: > 0 })
        {
            var page = ApiPage<KeyValuePair<string, ulong>>.Of(subjectCounts, pair => pair.Key, offset, ApiLimits.SubjectDetails);
            subjects = [.. page.Items];
            ErrorResponse.Paging(json, page.Total, page.Offset, page.Limit);
        }
        else
        {
            ErrorResponse.Paging(json, 0, 0, 0);
        }

        return StreamInfoJson.WriteFields(json, info, domain, subjects).EndObject().ToArray();
    }

    public static byte[] Deleted() => Success(JsApiOp.StreamDelete);

    public static byte[] Purged(ulong purged) =>
        Start(JsApiOp.StreamPurge).Property("success", true).Property("purged", purged).EndObject().ToArray();

    /// STREAM.NAMES, limit 1024. `streams` is null when the page is empty (no streams, or offset
    /// at the end), as 2.9.10's nil slice marshals.
    public static byte[] Names(IEnumerable<string> names, long offset)
    {
        var page = ApiPage<string>.Of(names, name => name, offset, ApiLimits.Names);
        var json = ErrorResponse.Paging(Start(JsApiOp.StreamNames), page.Total, page.Offset, page.Limit);
        if (page.Items.Count == 0)
        {
            json.Name("streams").Null();
        }
        else
        {
            json.StringArray("streams", page.Items);
        }

        return json.EndObject().ToArray();
    }

    /// STREAM.LIST, limit 256; `streams` is `[]` when the page is empty.
    public static byte[] List(IEnumerable<StreamInfoView> streams, long offset, string? domain) =>
        List(ApiPage<StreamInfoView>.Of(streams, info => info.Config.Name ?? "", offset, ApiLimits.List), domain);

    /// STREAM.LIST of a page already cut (the caller looked up only the streams on it).
    public static byte[] List(ApiPage<StreamInfoView> page, string? domain)
    {
        var json = ErrorResponse.Paging(Start(JsApiOp.StreamList), page.Total, page.Offset, page.Limit);
        json.Name("streams").BeginArray();
        foreach (var info in page.Items)
        {
            StreamInfoJson.Write(json, info, domain);
        }

        return json.EndArray().EndObject().ToArray();
    }

    /// STREAM.MSG.GET (§2.6): `hdrs` and `data` are base64 and omitted when empty (verified on
    /// 2.9.10 with an empty payload).
    public static byte[] Message(StoredMessage message)
    {
        var json = Start(JsApiOp.StreamMsgGet).Name("message").BeginObject()
            .Property("subject", message.Subject)
            .Property("seq", message.Sequence);
        if (!message.Headers.IsEmpty)
        {
            json.Name("hdrs").Base64(message.Headers.Span);
        }

        if (!message.Data.IsEmpty)
        {
            json.Name("data").Base64(message.Data.Span);
        }

        return json.Name("time").Time(message.TimestampNanos).EndObject().EndObject().ToArray();
    }

    public static byte[] MessageDeleted() => Success(JsApiOp.StreamMsgDelete);

    internal static GoJsonWriter Start(JsApiOp op) =>
        new GoJsonWriter().BeginObject().Property("type", ResponseType.Of(op));

    internal static byte[] Success(JsApiOp op) => Start(op).Property("success", true).EndObject().ToArray();
}
