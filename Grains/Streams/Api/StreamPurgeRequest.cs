using System.Text.Json.Serialization;

namespace Natrium.Grains.Streams.Api;

/// The STREAM.PURGE body (spec/jetstream.md §2.4): no body purges everything; `filter` keeps
/// the purge to matching subjects (wildcards allowed); `seq:N` purges sequences below N;
/// `keep:N` keeps the newest N (per filter when combined). 0 means not set.
internal sealed record StreamPurgeRequest
{
    [JsonPropertyName("filter")] public string? Filter { get; init; }
    [JsonPropertyName("seq")] public ulong Sequence { get; init; }
    [JsonPropertyName("keep")] public ulong Keep { get; init; }

    public static StreamPurgeRequest All { get; } = new();

    /// Malformed JSON is 10025; `seq` together with `keep` is `400/10003 bad request`
    /// (verified on 2.9.10). Both come before the stream lookup.
    public static ApiResult<StreamPurgeRequest> Parse(ReadOnlySpan<byte> body)
    {
        if (JsJson.IsEmptyRequest(body))
        {
            return All;
        }

        if (!JsJson.TryRead(body, out StreamPurgeRequest request))
        {
            return JsErrors.InvalidJson;
        }

        return request.Sequence > 0 && request.Keep > 0 ? JsErrors.BadRequest : request;
    }
}
