using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// The catalogue against nats-server 2.9.10's errors.json and the texts seen on the wire.
public sealed class JsErrorsTests
{
    public static TheoryData<string, int, int, string> Catalogue => new()
    {
        { nameof(JsErrors.BadRequest), 400, 10003, "bad request" },
        { nameof(JsErrors.InvalidJson), 400, 10025, "invalid JSON" },
        { nameof(JsErrors.NotEmptyRequest), 400, 10038, "expected an empty request payload" },
        { nameof(JsErrors.NotEnabledForAccount), 503, 10039, "JetStream not enabled for account" },
        { nameof(JsErrors.NotEnabled), 503, 10076, "JetStream not enabled" },
        { nameof(JsErrors.AccountResourcesExceeded), 400, 10002, "resource limits exceeded for account" },
        { nameof(JsErrors.MaximumStreamsLimit), 400, 10027, "maximum number of streams reached" },
        { nameof(JsErrors.MaximumConsumersLimit), 400, 10026, "maximum consumers limit reached" },
        { nameof(JsErrors.MemoryResourcesExceeded), 500, 10028, "insufficient memory resources available" },
        { nameof(JsErrors.StorageResourcesExceeded), 500, 10047, "insufficient storage resources available" },
        { nameof(JsErrors.ReplicasCountCannotBeNegative), 400, 10133, "replicas count cannot be negative" },
        { nameof(JsErrors.StreamNotFound), 404, 10059, "stream not found" },
        { nameof(JsErrors.StreamMismatch), 400, 10056, "stream name in subject does not match request" },
        { nameof(JsErrors.StreamNameExist), 400, 10058, "stream name already in use with a different configuration" },
        { nameof(JsErrors.StreamSubjectOverlap), 400, 10065, "subjects overlap with an existing stream" },
        { nameof(JsErrors.StreamNameContainsPathSeparators), 400, 10128, "Stream name can not contain path separators" },
        { nameof(JsErrors.StreamMaxBytesRequired), 400, 10113, "account requires a stream config to have max bytes set" },
        { nameof(JsErrors.StreamSealed), 400, 10109, "invalid operation on sealed stream" },
        { nameof(JsErrors.StreamPurgeNotPermitted), 500, 10110, "stream purge not permitted" },
        { nameof(JsErrors.MessageDeleteNotPermitted), 500, 10057, "message delete not permitted" },
        { nameof(JsErrors.StreamStoreEof), 500, 10057, "stream store EOF" },
        { nameof(JsErrors.NoMessageFound), 404, 10037, "no message found" },
        { nameof(JsErrors.StreamNotMatch), 400, 10060, "expected stream does not match" },
        { nameof(JsErrors.MessageExceedsMaximum), 400, 10054, "message size exceeds maximum allowed" },
        { nameof(JsErrors.RollupNotPermitted), 500, 10111, "rollup not permitted" },
        { nameof(JsErrors.MaximumMessagesExceeded), 503, 10077, "maximum messages exceeded" },
        { nameof(JsErrors.MaximumBytesExceeded), 503, 10077, "maximum bytes exceeded" },
        { nameof(JsErrors.MaximumMessagesPerSubjectExceeded), 503, 10077, "maximum messages per subject exceeded" },
        { nameof(JsErrors.ConsumerNotFound), 404, 10014, "consumer not found" },
        { nameof(JsErrors.ConsumerNameExist), 400, 10013, "consumer name already in use" },
        { nameof(JsErrors.ConsumerEphemeralWithDurableName), 400, 10020, "consumer expected to be ephemeral but a durable name was set in request" },
        { nameof(JsErrors.ConsumerDurableNameNotSet), 400, 10018, "consumer expected to be durable but a durable name was not set" },
        { nameof(JsErrors.ConsumerDurableNameNotMatchSubject), 400, 10017, "consumer name in subject does not match durable name in request" },
        { nameof(JsErrors.ConsumerNameContainsPathSeparators), 400, 10127, "Consumer name can not contain path separators" },
        { nameof(JsErrors.ConsumerCreateFilterSubjectMismatch), 400, 10131, "Consumer create request did not match filtered subject from create subject" },
        { nameof(JsErrors.ConsumerCreateDurableAndNameMismatch), 400, 10132, "Consumer Durable and Name have to be equal if both are provided" },
        { nameof(JsErrors.ConsumerPushMaxWaiting), 400, 10080, "consumer in push mode can not set max waiting" },
        { nameof(JsErrors.ConsumerPullRequiresAck), 400, 10084, "consumer in pull mode requires ack policy" },
        { nameof(JsErrors.ConsumerHeartbeatRequiresPush), 400, 10088, "consumer idle heartbeat requires a push based consumer" },
        { nameof(JsErrors.ConsumerFilterNotSubset), 400, 10093, "consumer filter subject is not a valid subset of the interest subjects" },
        { nameof(JsErrors.ConsumerWorkQueueMultipleUnfiltered), 400, 10099, "multiple non-filtered consumers not allowed on workqueue stream" },
        { nameof(JsErrors.ConsumerWorkQueueNotUnique), 400, 10100, "filtered consumer not unique on workqueue stream" },
        { nameof(JsErrors.ConsumerWorkQueueNotDeliverAll), 400, 10101, "consumer must be deliver all on workqueue stream" },
        { nameof(JsErrors.ConsumerBadDurableName), 400, 10103, "durable name can not contain '.', '*', '>'" },
        { nameof(JsErrors.ConsumerFlowControlNeedsHeartbeats), 400, 10108, "consumer with flow control also needs heartbeats" },
        { nameof(JsErrors.ConsumerMaxDeliverBackoff), 400, 10116, "max deliver is required to be > length of backoff values" },
    };

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Catalogue_matches_nats_server(string name, int code, int errCode, string description)
    {
        var error = (ApiError)typeof(JsErrors).GetProperty(name)!.GetValue(null)!;
        Assert.Equal(new ApiError(code, errCode, description), error);
    }

    [Fact]
    public void Factories_format_their_values_like_2_9_10()
    {
        Assert.Equal(new ApiError(400, 10071, "wrong last sequence: 10"), JsErrors.WrongLastSequence(10));
        Assert.Equal(new ApiError(400, 10070, "wrong last msg ID: m1"), JsErrors.WrongLastMsgId("m1"));
        Assert.Equal(new ApiError(400, 10043, "sequence 2 not found"), JsErrors.SequenceNotFound(2));
        Assert.Equal(new ApiError(500, 10052, "invalid subject"), JsErrors.StreamInvalidConfig("invalid subject"));
        Assert.Equal(new ApiError(500, 10012, "ack policy can not be updated"), JsErrors.ConsumerCreate("ack policy can not be updated"));
        Assert.Equal(new ApiError(400, 10102, "consumer name is too long, maximum allowed is 255"), JsErrors.ConsumerNameTooLong(255));
        Assert.Equal(new ApiError(400, 10121, "consumer max ack pending exceeds system limit of 5"), JsErrors.ConsumerMaxPendingAckExcess(5));
        Assert.Equal(new ApiError(503, 10077, "maximum bytes exceeded"), JsErrors.StreamStoreFailed("maximum bytes exceeded"));
    }
}
