using System.Text;
using Natrium.Contracts.Subjects;

namespace Natrium.Grains.Streams.Api;

/// nats-server 2.9.10's consumer configuration rules (spec/jetstream.md §4.2; server/consumer.go
/// setConsumerConfigDefaults, checkConsumerCfg, checkNewConsumerConfig, addConsumer), in its
/// order. After ConsumerCreateRules.CheckRequest and the stream lookup the caller runs Normalize,
/// then CheckUpdate when a consumer of that name exists (NameOf), else CheckNew. Both return
/// the config to store and echo. Server-wide `jetstream { limits }` are not modelled.
internal static partial class ConsumerConfigRules
{
    public const long DefaultAckWaitNanos = 30_000_000_000;
    public const long DefaultInactiveThresholdNanos = 5_000_000_000;
    public const int DefaultMaxWaiting = 512;
    public const int DefaultMaxAckPending = 1000;
    public const int MaxDescriptionLength = 4 * 1024;
    private const long MinHeartbeatNanos = 100_000_000;
    private const long MinMaxExpiresNanos = 1_000_000;

    /// Defaults (ack_wait 30 s unless ack none, backoff[0] when given, max_deliver -1,
    /// max_waiting 512 for pull, max_ack_pending 1000 or the account's smaller default) and every
    /// config check. num_replicas stays as sent, so 0 echoes as 0 (verified on 2.9.10).
    public static ApiResult<ConsumerConfig> Normalize(ConsumerConfig requested, StreamConfig stream, JetStreamLimitsView limits)
    {
        var cfg = WithDefaults(requested, limits);
        var error = CheckReplicasAndSizes(cfg, stream) ?? (cfg.IsPush ? CheckPush(cfg, stream) : CheckPull(cfg, stream));
        error ??= limits.MaxAckPending > 0 && cfg.MaxAckPending > limits.MaxAckPending
            ? JsErrors.ConsumerMaxPendingAckExcess(limits.MaxAckPending)
            : null;
        error ??= CheckFilter(cfg, stream) ?? CheckDeliverPolicy(cfg) ?? CheckSampling(cfg.SampleFrequency);
        error ??= cfg.FlowControl && cfg.IdleHeartbeatNanos == 0 ? JsErrors.ConsumerFlowControlNeedsHeartbeats : null;
        error ??= !string.IsNullOrEmpty(cfg.DurableName) && !string.IsNullOrEmpty(cfg.Name) && cfg.Name != cfg.DurableName
            ? JsErrors.ConsumerCreateDurableAndNameMismatch
            : null;
        return error is null ? cfg : error;
    }

    /// The consumer's name: its durable name, else its name (set by CheckNew for ephemerals).
    public static string NameOf(ConsumerConfig config) =>
        !string.IsNullOrEmpty(config.DurableName) ? config.DurableName : config.Name ?? "";

    /// reflect.DeepEqual of two configs; records compare the backoff list by reference.
    public static bool Equivalent(ConsumerConfig a, ConsumerConfig b) =>
        a with { BackoffNanos = null } == b with { BackoffNanos = null }
        && (a.BackoffNanos ?? []).SequenceEqual(b.BackoffNanos ?? []);

    private static ConsumerConfig WithDefaults(ConsumerConfig cfg, JetStreamLimitsView limits)
    {
        bool acks = cfg.AckPolicy is AckPolicy.Explicit or AckPolicy.All;
        long ackWait = cfg.AckWaitNanos == 0 && acks ? DefaultAckWaitNanos : cfg.AckWaitNanos;
        int maxAckPending = limits.MaxAckPending is > 0 and < DefaultMaxAckPending ? limits.MaxAckPending : DefaultMaxAckPending;
        return cfg with
        {
            MaxWaiting = !cfg.IsPush && cfg.MaxWaiting == 0 ? DefaultMaxWaiting : cfg.MaxWaiting,
            AckWaitNanos = cfg.BackoffNanos is { Count: > 0 } backoff ? backoff[0] : ackWait,
            MaxDeliver = cfg.MaxDeliver == 0 ? -1 : cfg.MaxDeliver,
            MaxAckPending = acks && cfg.MaxAckPending == 0 ? maxAckPending : cfg.MaxAckPending,
        };
    }

    private static ApiError? CheckReplicasAndSizes(ConsumerConfig cfg, StreamConfig stream) =>
        cfg.Replicas > 0 && cfg.Replicas > stream.Replicas ? JsErrors.ConsumerReplicasExceedsStream
        : cfg.Replicas < 0 ? JsErrors.ReplicasCountCannotBeNegative
        : cfg.BackoffNanos is { Count: > 0 } backoff && cfg.MaxDeliver <= backoff.Count ? JsErrors.ConsumerMaxDeliverBackoff
        : Encoding.UTF8.GetByteCount(cfg.Description ?? "") > MaxDescriptionLength ? JsErrors.ConsumerDescriptionTooLong(MaxDescriptionLength)
        : null;

    private static ApiError? CheckPush(ConsumerConfig cfg, StreamConfig stream)
    {
        string deliver = cfg.DeliverSubject!;
        return !IsLiteral(deliver) ? JsErrors.ConsumerDeliverToWildcards
            : !SubjectValidator.IsValidSubscription(deliver.AsSpan()) ? JsErrors.ConsumerInvalidDeliverSubject
            : (stream.Subjects ?? []).Any(subject => SubjectOverlap.IsSubsetMatch(deliver, subject)) ? JsErrors.ConsumerDeliverCycle
            : cfg.MaxWaiting != 0 ? JsErrors.ConsumerPushMaxWaiting
            : cfg.MaxAckPending > 0 && cfg.AckPolicy == AckPolicy.None ? JsErrors.ConsumerMaxPendingAckPolicyRequired
            : cfg.IdleHeartbeatNanos > 0 && cfg.IdleHeartbeatNanos < MinHeartbeatNanos ? JsErrors.ConsumerSmallHeartbeat
            : null;
    }

    private static ApiError? CheckPull(ConsumerConfig cfg, StreamConfig stream) =>
        cfg.AckPolicy == AckPolicy.None && stream.Retention == RetentionPolicy.WorkQueue ? JsErrors.ConsumerPullRequiresAck
        : cfg.RateLimitBps > 0 ? JsErrors.ConsumerPullWithRateLimit
        : cfg.MaxWaiting < 0 ? JsErrors.ConsumerMaxWaitingNegative
        : cfg.IdleHeartbeatNanos > 0 ? JsErrors.ConsumerHeartbeatRequiresPush
        : cfg.FlowControl ? JsErrors.ConsumerFlowControlRequiresPush
        : cfg.MaxRequestBatch < 0 ? JsErrors.ConsumerMaxRequestBatchNegative
        : cfg.MaxRequestExpiresNanos != 0 && cfg.MaxRequestExpiresNanos < MinMaxExpiresNanos ? JsErrors.ConsumerMaxRequestExpiresTooSmall
        : null;

    /// validFilteredSubject: a valid subject inside one of the stream's subjects, or a wildcard
    /// filter that covers one of them (`>` on a stream of `orders.*`).
    private static ApiError? CheckFilter(ConsumerConfig cfg, StreamConfig stream)
    {
        string filter = cfg.FilterSubject ?? "";
        if (filter.Length == 0)
        {
            return null;
        }

        bool wildcard = !IsLiteral(filter);
        bool valid = SubjectValidator.IsValidSubscription(filter.AsSpan()) && (stream.Subjects ?? []).Any(subject =>
            SubjectOverlap.IsSubsetMatch(filter, subject) || (wildcard && SubjectOverlap.IsSubsetMatch(subject, filter)));
        return valid ? null : JsErrors.ConsumerFilterNotSubset;
    }

    private static ApiError? CheckDeliverPolicy(ConsumerConfig cfg)
    {
        bool seq = cfg.OptStartSeq > 0, time = cfg.OptStartTime is not null;
        string? failure = cfg.DeliverPolicy switch
        {
            DeliverPolicy.All => seq ? BadStart("all", "sequence") : time ? BadStart("all", "time") : null,
            DeliverPolicy.Last => seq ? BadStart("last", "sequence") : time ? BadStart("last", "time") : null,
            DeliverPolicy.LastPerSubject => seq ? BadStart("last per subject", "sequence")
                : time ? BadStart("last per subject", "time")
                : string.IsNullOrEmpty(cfg.FilterSubject) ? NotSet("last per subject", "filter subject") : null,
            DeliverPolicy.New => seq ? BadStart("new", "sequence") : time ? BadStart("new", "time") : null,
            DeliverPolicy.ByStartSequence => !seq ? NotSet("by start sequence", "start sequence")
                : time ? BadStart("by start sequence", "time") : null,
            DeliverPolicy.ByStartTime => !time ? NotSet("by start time", "start time")
                : seq ? BadStart("by start time", "start sequence") : null,
            _ => null,
        };
        return failure is null ? null : JsErrors.ConsumerInvalidPolicy(failure);

        static string BadStart(string policy, string start) =>
            $"consumer delivery policy is deliver {policy}, but optional start {start} is also set";

        static string NotSet(string policy, string option) =>
            $"consumer delivery policy is deliver {policy}, but optional {option} is not set";
    }

    /// `sample_freq` is an integer percentage with an optional `%`. A negative one fails with
    /// Go's nil error, which prints as `<nil>`.
    private static ApiError? CheckSampling(string? frequency)
    {
        if (string.IsNullOrEmpty(frequency))
        {
            return null;
        }

        string number = frequency.EndsWith('%') ? frequency[..^1] : frequency;
        return !GoAtoi.TryParse(number, out long value, out string error) ? JsErrors.ConsumerInvalidSampling(error)
            : value < 0 ? JsErrors.ConsumerInvalidSampling("<nil>")
            : null;
    }

    /// nats-server's subjectIsLiteral: no token is exactly `*` or `>`.
    private static bool IsLiteral(string subject) => !subject.Split('.').Any(token => token is "*" or ">");
}
