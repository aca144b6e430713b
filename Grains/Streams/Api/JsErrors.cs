using System.Globalization;

namespace Natrium.Grains.Streams.Api;

/// Every JetStream API error Natrium answers, with nats-server 2.9.10's code, err_code and
/// description (server/errors.json; texts of the `{err}` ones from jetstream_api.go, stream.go
/// and consumer.go). spec/jetstream.md names where each is seen. Factories take the values that
/// 2.9.10 formats into the text.
internal static class JsErrors
{
    // General (§0, §1, §9).
    public static ApiError BadRequest { get; } = new(400, 10003, "bad request");
    public static ApiError InvalidJson { get; } = new(400, 10025, "invalid JSON");
    public static ApiError NotEmptyRequest { get; } = new(400, 10038, "expected an empty request payload");
    public static ApiError NotEnabledForAccount { get; } = new(503, 10039, "JetStream not enabled for account");
    public static ApiError NotEnabled { get; } = new(503, 10076, "JetStream not enabled");
    public static ApiError AccountResourcesExceeded { get; } = new(400, 10002, "resource limits exceeded for account");
    public static ApiError MaximumStreamsLimit { get; } = new(400, 10027, "maximum number of streams reached");
    public static ApiError MaximumConsumersLimit { get; } = new(400, 10026, "maximum consumers limit reached");
    public static ApiError MemoryResourcesExceeded { get; } = new(500, 10028, "insufficient memory resources available");
    public static ApiError StorageResourcesExceeded { get; } = new(500, 10047, "insufficient storage resources available");
    public static ApiError ReplicasCountCannotBeNegative { get; } = new(400, 10133, "replicas count cannot be negative");

    // Streams (§2, §3).
    public static ApiError StreamNotFound { get; } = new(404, 10059, "stream not found");
    public static ApiError StreamMismatch { get; } = new(400, 10056, "stream name in subject does not match request");
    public static ApiError StreamNameExist { get; } = new(400, 10058, "stream name already in use with a different configuration");
    public static ApiError StreamSubjectOverlap { get; } = new(400, 10065, "subjects overlap with an existing stream");
    public static ApiError StreamNameContainsPathSeparators { get; } = new(400, 10128, "Stream name can not contain path separators");
    public static ApiError StreamMaxBytesRequired { get; } = new(400, 10113, "account requires a stream config to have max bytes set");
    public static ApiError StreamMaxStreamBytesExceeded { get; } = new(400, 10122, "stream max bytes exceeds account limit max stream bytes");
    public static ApiError StreamSealed { get; } = new(400, 10109, "invalid operation on sealed stream");
    public static ApiError StreamPurgeNotPermitted { get; } = StreamPurgeFailed("stream purge not permitted");
    public static ApiError MessageDeleteNotPermitted { get; } = StreamMsgDeleteFailed("message delete not permitted");
    public static ApiError StreamStoreEof { get; } = StreamMsgDeleteFailed("stream store EOF");
    public static ApiError NoMessageFound { get; } = new(404, 10037, "no message found");
    public static ApiError StreamNotMatch { get; } = new(400, 10060, "expected stream does not match");
    public static ApiError MessageExceedsMaximum { get; } = new(400, 10054, "message size exceeds maximum allowed");
    public static ApiError RollupNotPermitted { get; } = StreamRollupFailed("rollup not permitted");
    public static ApiError MaximumMessagesExceeded { get; } = StreamStoreFailed("maximum messages exceeded");
    public static ApiError MaximumBytesExceeded { get; } = StreamStoreFailed("maximum bytes exceeded");
    public static ApiError MaximumMessagesPerSubjectExceeded { get; } = StreamStoreFailed("maximum messages per subject exceeded");

    /// 500/10052 with the rule's text (every StreamConfig rule of §2.2).
    public static ApiError StreamInvalidConfig(string description) => new(500, 10052, description);

    public static ApiError SequenceNotFound(ulong sequence) => new(400, 10043, "sequence " + Text(sequence) + " not found");
    public static ApiError WrongLastSequence(ulong actual) => new(400, 10071, "wrong last sequence: " + Text(actual));
    public static ApiError WrongLastMsgId(string actual) => new(400, 10070, "wrong last msg ID: " + actual);
    public static ApiError StreamMsgDeleteFailed(string description) => new(500, 10057, description);
    public static ApiError StreamPurgeFailed(string description) => new(500, 10110, description);
    public static ApiError StreamRollupFailed(string description) => new(500, 10111, description);
    public static ApiError StreamStoreFailed(string description) => new(503, 10077, description);
    public static ApiError StreamGeneralError(string description) => new(500, 10051, description);

    // Consumers (§4).
    public static ApiError ConsumerNotFound { get; } = new(404, 10014, "consumer not found");
    public static ApiError ConsumerNameExist { get; } = new(400, 10013, "consumer name already in use");
    public static ApiError ConsumerEphemeralWithDurableName { get; } = new(400, 10020, "consumer expected to be ephemeral but a durable name was set in request");
    public static ApiError ConsumerDurableNameNotInSubject { get; } = new(400, 10016, "consumer expected to be durable but no durable name set in subject");
    public static ApiError ConsumerDurableNameNotSet { get; } = new(400, 10018, "consumer expected to be durable but a durable name was not set");
    public static ApiError ConsumerDurableNameNotMatchSubject { get; } = new(400, 10017, "consumer name in subject does not match durable name in request");
    public static ApiError ConsumerNameContainsPathSeparators { get; } = new(400, 10127, "Consumer name can not contain path separators");
    public static ApiError ConsumerCreateFilterSubjectMismatch { get; } = new(400, 10131, "Consumer create request did not match filtered subject from create subject");
    public static ApiError ConsumerCreateDurableAndNameMismatch { get; } = new(400, 10132, "Consumer Durable and Name have to be equal if both are provided");
    public static ApiError ConsumerDeliverToWildcards { get; } = new(400, 10079, "consumer deliver subject has wildcards");
    public static ApiError ConsumerPushMaxWaiting { get; } = new(400, 10080, "consumer in push mode can not set max waiting");
    public static ApiError ConsumerDeliverCycle { get; } = new(400, 10081, "consumer deliver subject forms a cycle");
    public static ApiError ConsumerMaxPendingAckPolicyRequired { get; } = new(400, 10082, "consumer requires ack policy for max ack pending");
    public static ApiError ConsumerSmallHeartbeat { get; } = new(400, 10083, "consumer idle heartbeat needs to be >= 100ms");
    public static ApiError ConsumerPullRequiresAck { get; } = new(400, 10084, "consumer in pull mode requires ack policy");
    public static ApiError ConsumerPullWithRateLimit { get; } = new(400, 10086, "consumer in pull mode can not have rate limit set");
    public static ApiError ConsumerMaxWaitingNegative { get; } = new(400, 10087, "consumer max waiting needs to be positive");
    public static ApiError ConsumerHeartbeatRequiresPush { get; } = new(400, 10088, "consumer idle heartbeat requires a push based consumer");
    public static ApiError ConsumerFlowControlRequiresPush { get; } = new(400, 10089, "consumer flow control requires a push based consumer");
    public static ApiError ConsumerFilterNotSubset { get; } = new(400, 10093, "consumer filter subject is not a valid subset of the interest subjects");
    public static ApiError ConsumerWorkQueueRequiresExplicitAck { get; } = new(400, 10098, "workqueue stream requires explicit ack");
    public static ApiError ConsumerWorkQueueMultipleUnfiltered { get; } = new(400, 10099, "multiple non-filtered consumers not allowed on workqueue stream");
    public static ApiError ConsumerWorkQueueNotUnique { get; } = new(400, 10100, "filtered consumer not unique on workqueue stream");
    public static ApiError ConsumerWorkQueueNotDeliverAll { get; } = new(400, 10101, "consumer must be deliver all on workqueue stream");
    public static ApiError ConsumerBadDurableName { get; } = new(400, 10103, "durable name can not contain '.', '*', '>'");
    public static ApiError ConsumerFlowControlNeedsHeartbeats { get; } = new(400, 10108, "consumer with flow control also needs heartbeats");
    public static ApiError ConsumerInvalidDeliverSubject { get; } = new(400, 10112, "invalid push consumer deliver subject");
    public static ApiError ConsumerMaxRequestBatchNegative { get; } = new(400, 10114, "consumer max request batch needs to be > 0");
    public static ApiError ConsumerMaxRequestExpiresTooSmall { get; } = new(400, 10115, "consumer max request expires needs to be >= 1ms");
    public static ApiError ConsumerMaxDeliverBackoff { get; } = new(400, 10116, "max deliver is required to be > length of backoff values");
    public static ApiError ConsumerReplicasExceedsStream { get; } = new(400, 10126, "consumer config replica count exceeds parent stream");

    // 2.10+ only (spec §4.1): 2.9.10 ignores `action`, so Natrium does not answer these yet.
    public static ApiError ConsumerAlreadyExists { get; } = new(400, 10148, "consumer already exists");
    public static ApiError ConsumerDoesNotExist { get; } = new(400, 10149, "consumer does not exist");

    /// 500/10012: a consumer update that changes an immutable field, with 2.9.10's text.
    public static ApiError ConsumerCreate(string description) => new(500, 10012, description);

    public static ApiError ConsumerInvalidPolicy(string description) => new(400, 10094, description);
    public static ApiError ConsumerInvalidSampling(string error) => new(400, 10095, "failed to parse consumer sampling configuration: " + error);
    public static ApiError ConsumerNameTooLong(int max) => new(400, 10102, "consumer name is too long, maximum allowed is " + Text((ulong)max));
    public static ApiError ConsumerDescriptionTooLong(int max) => new(400, 10107, "consumer description is too long, maximum allowed is " + Text((ulong)max));
    public static ApiError ConsumerMaxPendingAckExcess(long limit) => new(400, 10121, "consumer max ack pending exceeds system limit of " + limit.ToString(CultureInfo.InvariantCulture));

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
