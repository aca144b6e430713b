namespace Natrium.Grains.Streams.Api;

/// Success answers of the CONSUMER.* operations as 2.9.10 writes them (spec/jetstream.md §4.3,
/// verified on 2.9.10). Errors: ErrorResponse.For.
internal static class ConsumerResponses
{
    /// Any of the three create forms (their answers share one type).
    public static byte[] Created(ConsumerInfoView info) => Info(JsApiOp.ConsumerCreate, info);

    public static byte[] Info(ConsumerInfoView info) => Info(JsApiOp.ConsumerInfo, info);

    public static byte[] Deleted() => StreamResponses.Success(JsApiOp.ConsumerDelete);

    /// CONSUMER.NAMES, limit 1024; `consumers` is `[]`, never null (§2.5).
    public static byte[] Names(IEnumerable<string> names, long offset)
    {
        var page = ApiPage<string>.Of(names, name => name, offset, ApiLimits.Names);
        return ErrorResponse.Paging(StreamResponses.Start(JsApiOp.ConsumerNames), page.Total, page.Offset, page.Limit)
            .StringArray("consumers", page.Items).EndObject().ToArray();
    }

    /// CONSUMER.LIST, limit 256; `consumers` is `[]` when the page is empty.
    public static byte[] List(IEnumerable<ConsumerInfoView> consumers, long offset)
    {
        var page = ApiPage<ConsumerInfoView>.Of(consumers, info => info.Name, offset, ApiLimits.List);
        var json = ErrorResponse.Paging(StreamResponses.Start(JsApiOp.ConsumerList), page.Total, page.Offset, page.Limit);
        json.Name("consumers").BeginArray();
        foreach (var info in page.Items)
        {
            WriteFields(json.BeginObject(), info).EndObject();
        }

        return json.EndArray().EndObject().ToArray();
    }

    /// The ConsumerInfo fields in Go order: stream_name, name, created, config, delivered,
    /// ack_floor, num_ack_pending, num_redelivered, num_waiting, num_pending, push_bound.
    public static GoJsonWriter WriteFields(GoJsonWriter json, ConsumerInfoView info)
    {
        json.Property("stream_name", info.Stream)
            .Property("name", info.Name)
            .Name("created").Time(info.CreatedNanos);
        ConsumerConfigJson.Write(json.Name("config"), info.Config);
        var state = info.State;
        WritePair(json.Name("delivered"), state.Delivered);
        WritePair(json.Name("ack_floor"), state.AckFloor);
        return json
            .Property("num_ack_pending", state.NumAckPending)
            .Property("num_redelivered", state.NumRedelivered)
            .Property("num_waiting", state.NumWaiting)
            .Property("num_pending", state.NumPending)
            .PropertyIfSet("push_bound", state.PushBound);
    }

    private static byte[] Info(JsApiOp op, ConsumerInfoView info) =>
        WriteFields(StreamResponses.Start(op), info).EndObject().ToArray();

    private static void WritePair(GoJsonWriter json, SequencePair pair)
    {
        json.BeginObject()
            .Property("consumer_seq", pair.ConsumerSeq)
            .Property("stream_seq", pair.StreamSeq);
        if (pair.LastActiveNanos is { } lastActive)
        {
            json.Name("last_active").Time(lastActive);
        }

        json.EndObject();
    }
}
