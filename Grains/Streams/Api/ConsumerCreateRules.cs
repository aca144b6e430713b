namespace Natrium.Grains.Streams.Api;

/// The checks 2.9.10 makes on a CONSUMER.CREATE subject and body before it looks the stream up
/// (server/jetstream_api.go jsConsumerCreateRequest; spec/jetstream.md §4.1, each verified on
/// 2.9.10). The result is the config with the subject's name applied; next the caller looks the
/// stream up (404/10059), then ConsumerConfigRules.Normalize.
internal static class ConsumerCreateRules
{
    public static ApiResult<ConsumerConfig> CheckRequest(JsApiRequest subject, ConsumerCreateRequest body)
    {
        var config = body.Config ?? new ConsumerConfig();
        if (subject.Stream != (body.StreamName ?? ""))
        {
            return JsErrors.StreamMismatch;
        }

        if (subject.Consumer.AsSpan().IndexOfAny('/', '\\') >= 0)
        {
            return JsErrors.ConsumerNameContainsPathSeparators;
        }

        string durable = config.DurableName ?? "";
        switch (subject.Op)
        {
            case JsApiOp.ConsumerCreateDurable when durable.Length == 0:
                return JsErrors.ConsumerDurableNameNotSet;
            case JsApiOp.ConsumerCreateDurable when durable != subject.Consumer:
                return JsErrors.ConsumerDurableNameNotMatchSubject;
            case JsApiOp.ConsumerCreateNamed when durable.Length > 0 && durable != subject.Consumer:
                return JsErrors.ConsumerDurableNameNotMatchSubject;
            case JsApiOp.ConsumerCreateNamed:
                // The subject's name wins over config.name (verified on 2.9.10).
                config = config with { Name = subject.Consumer };
                break;
            case JsApiOp.ConsumerCreate when durable.Length > 0:
                return JsErrors.ConsumerEphemeralWithDurableName;
            case JsApiOp.ConsumerCreate or JsApiOp.ConsumerCreateDurable:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(subject), subject.Op, "not a consumer create");
        }

        if (subject.Subject.Length > 0 && config.FilterSubject != subject.Subject)
        {
            return JsErrors.ConsumerCreateFilterSubjectMismatch;
        }

        return config;
    }
}
