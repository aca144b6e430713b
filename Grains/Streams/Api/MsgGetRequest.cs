using System.Text.Json.Serialization;

namespace Natrium.Grains.Streams.Api;

/// The STREAM.MSG.GET and DIRECT.GET body (spec/jetstream.md §2.6, §2.7): exactly one of
/// `{"seq":N}`, `{"last_by_subj":"s"}`, `{"next_by_subj":"s","seq":N}` (first match at or after
/// N; N may be 0). Subjects may hold wildcards.
internal sealed record MsgGetRequest
{
    [JsonPropertyName("seq")] public ulong Sequence { get; init; }
    [JsonPropertyName("last_by_subj")] public string? LastBySubject { get; init; }
    [JsonPropertyName("next_by_subj")] public string? NextBySubject { get; init; }

    public MsgGetKind Kind =>
        !string.IsNullOrEmpty(NextBySubject) ? MsgGetKind.NextBySubject
        : !string.IsNullOrEmpty(LastBySubject) ? MsgGetKind.LastBySubject
        : MsgGetKind.Sequence;

    /// STREAM.MSG.GET: an empty body or `{}` is 10003, malformed JSON 10025, no selector, `seq`
    /// with `last_by_subj`, or both subject selectors 10003 (verified on 2.9.10).
    public static ApiResult<MsgGetRequest> Parse(ReadOnlySpan<byte> body)
    {
        if (JsJson.IsEmptyRequest(body))
        {
            return JsErrors.BadRequest;
        }

        if (!JsJson.TryRead(body, out MsgGetRequest request))
        {
            return JsErrors.InvalidJson;
        }

        return request.HasOneSelector ? request : JsErrors.BadRequest;
    }

    internal bool IsEmpty => Sequence == 0 && string.IsNullOrEmpty(LastBySubject) && string.IsNullOrEmpty(NextBySubject);

    internal bool HasOneSelector =>
        !IsEmpty
        && !(Sequence > 0 && !string.IsNullOrEmpty(LastBySubject))
        && !(!string.IsNullOrEmpty(LastBySubject) && !string.IsNullOrEmpty(NextBySubject));
}

/// Which message a MsgGetRequest selects.
internal enum MsgGetKind
{
    /// The message at Sequence.
    Sequence,

    /// The newest message matching LastBySubject.
    LastBySubject,

    /// The first message at or after Sequence matching NextBySubject.
    NextBySubject,
}
