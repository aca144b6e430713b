using Natrium.Contracts.Messages;
using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams;

/// What a stream-level request for a stream the account does not have gets: 10059 where
/// nats-server answers, after the checks it makes first; silence for pulls and direct gets,
/// whose subjects nothing subscribes to then (spec/jetstream.md §0).
internal static class MissingStream
{
    public static (ApiReply? Answer, bool Failed) Answer(JsApiRequest request, byte[] body)
    {
        switch (request.Op)
        {
            case JsApiOp.ConsumerMsgNext or JsApiOp.DirectGet or JsApiOp.DirectGetLastBySubject:
                return (null, false);
            case JsApiOp.ConsumerCreate or JsApiOp.ConsumerCreateNamed or JsApiOp.ConsumerCreateDurable:
                var parsed = ConsumerCreateRequest.Parse(body);
                var error = parsed.Error ?? ConsumerCreateRules.CheckRequest(request, parsed.Value!).Error ?? JsErrors.StreamNotFound;
                return (ApiReply.Json(ErrorResponse.For(request.Op, error)), true);
            default:
                return (ApiReply.Json(ErrorResponse.For(request.Op, JsErrors.StreamNotFound)), true);
        }
    }
}
