using System.Text.Json.Serialization;

namespace Natrium.Grains.Streams.Api;

/// The STREAM.MSG.DELETE body `{"seq":N,"no_erase":bool}` (spec/jetstream.md §2.6).
internal sealed record MsgDeleteRequest
{
    [JsonPropertyName("seq")] public ulong Sequence { get; init; }
    [JsonPropertyName("no_erase")] public bool NoErase { get; init; }

    /// An empty body or `{}` is 10003, malformed JSON 10025 (2.9.10). A missing seq stays 0 and
    /// is the store's "not found".
    public static ApiResult<MsgDeleteRequest> Parse(ReadOnlySpan<byte> body) =>
        JsJson.IsEmptyRequest(body) ? JsErrors.BadRequest
        : JsJson.TryRead(body, out MsgDeleteRequest request) ? request
        : JsErrors.InvalidJson;
}
