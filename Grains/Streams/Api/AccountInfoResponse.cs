namespace Natrium.Grains.Streams.Api;

/// What `$JS.API.INFO` reports for an account (spec/jetstream.md §1): bytes used per storage
/// type, stream and consumer counts, limits, the server's domain (omitted when empty) and the
/// account's API counters (requests and error answers before this one).
internal sealed record AccountInfoView(
    ulong Memory,
    ulong Storage,
    int Streams,
    int Consumers,
    JetStreamLimitsView Limits,
    string? Domain,
    ulong ApiTotal,
    ulong ApiErrors);

/// The `$JS.API.INFO` answer as 2.9.10 writes it (verified on 2.9.10; `tiers` and 2.11's
/// `api.level` are not written). The 10039 answer is ErrorResponse.For(AccountInfo, …).
internal static class AccountInfoResponse
{
    public static byte[] Write(AccountInfoView info)
    {
        var limits = info.Limits;
        var json = StreamResponses.Start(JsApiOp.AccountInfo)
            .Property("memory", info.Memory)
            .Property("storage", info.Storage)
            .Property("streams", info.Streams)
            .Property("consumers", info.Consumers)
            .Name("limits").BeginObject()
            .Property("max_memory", limits.MaxMemory)
            .Property("max_storage", limits.MaxStore)
            .Property("max_streams", limits.MaxStreams)
            .Property("max_consumers", limits.MaxConsumers)
            .Property("max_ack_pending", limits.MaxAckPending)
            .Property("memory_max_stream_bytes", limits.MemoryMaxStreamBytes)
            .Property("storage_max_stream_bytes", limits.StoreMaxStreamBytes)
            .Property("max_bytes_required", limits.MaxBytesRequired)
            .EndObject()
            .PropertyIfSet("domain", info.Domain);
        return json.Name("api").BeginObject()
            .Property("total", info.ApiTotal)
            .Property("errors", info.ApiErrors)
            .EndObject().EndObject().ToArray();
    }
}
