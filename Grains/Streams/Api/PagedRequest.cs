using System.Text.Json.Serialization;

namespace Natrium.Grains.Streams.Api;

/// The NAMES and LIST bodies (spec/jetstream.md §2.5): `offset`, and for STREAM.NAMES/LIST a
/// `subject` keeping only streams whose subjects overlap it (StreamConfigRules.Overlaps).
/// CONSUMER.NAMES/LIST read only the offset, a Go int (64 bits: 3000000000 is a valid offset
/// past the end, not invalid JSON; verified).
internal sealed record PagedRequest
{
    [JsonPropertyName("offset")] public long Offset { get; init; }
    [JsonPropertyName("subject")] public string? Subject { get; init; }

    public static ApiResult<PagedRequest> Parse(ReadOnlySpan<byte> body) =>
        JsJson.IsEmptyRequest(body) ? new PagedRequest()
        : JsJson.TryRead(body, out PagedRequest request) ? request
        : JsErrors.InvalidJson;
}
