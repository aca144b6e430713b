namespace Natrium.Grains.Streams.Api;

/// STREAM.DELETE, CONSUMER.INFO and CONSUMER.DELETE take no body: anything but an empty body or
/// `{}` is `400/10038 expected an empty request payload` (verified on 2.9.10, also for ` ` and
/// `null`). CONSUMER.INFO checks this first; STREAM.DELETE and CONSUMER.DELETE after 10039.
internal static class EmptyRequest
{
    public static ApiError? Check(ReadOnlySpan<byte> body) =>
        JsJson.IsEmptyRequest(body) ? null : JsErrors.NotEmptyRequest;
}
