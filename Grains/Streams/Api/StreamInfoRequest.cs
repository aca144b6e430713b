using System.Text.Json.Serialization;

namespace Natrium.Grains.Streams.Api;

/// The STREAM.INFO body (spec/jetstream.md §2.1): `subjects_filter` asks for per-subject
/// counts (paged by `offset`), `deleted_details` for the list of interior gaps.
internal sealed record StreamInfoRequest
{
    [JsonPropertyName("deleted_details")] public bool DeletedDetails { get; init; }
    [JsonPropertyName("subjects_filter")] public string? SubjectsFilter { get; init; }
    /// A Go int: 64 bits (see PagedRequest).
    [JsonPropertyName("offset")] public long Offset { get; init; }

    /// An empty body or `{}` asks for nothing extra; malformed JSON is 10025 (2.9.10 accepts a
    /// literal `null`, verified).
    public static ApiResult<StreamInfoRequest> Parse(ReadOnlySpan<byte> body) =>
        JsJson.IsEmptyRequest(body) ? new StreamInfoRequest()
        : JsJson.TryRead(body, out StreamInfoRequest request) ? request
        : JsErrors.InvalidJson;
}
