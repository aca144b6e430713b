using System.Text;
using Natrium.Contracts.Subjects;

namespace Natrium.Grains.Streams.Api;

/// nats-server 2.9.10's stream configuration rules (spec/jetstream.md §2.2; server/stream.go
/// checkStreamCfg and configUpdateCheck, server/jetstream_api.go create and update handlers),
/// in 2.9.10's order so that a request with several faults gets the same first error.
/// Mirrors, sources, republish and placement are out of scope.
///
/// Create: NormalizeCreate, then the caller's account limits (10027, 10047, 10028, 10026), the
/// "same name" check (Equivalent → success with the old `created`, else 10058) and the overlap
/// with the account's other streams (Overlaps → 10065). 2.9.10 runs the account limits before
/// the config rules; only a request with faults of both kinds can tell the difference.
/// Update: NormalizeUpdate, then the caller's 404, then CheckUpdate, then Overlaps (10065).
internal static class StreamConfigRules
{
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 4 * 1024;
    public const int MaxReplicas = 5;
    public const long DefaultDuplicateWindowNanos = 120_000_000_000;
    private const long MinWindowNanos = 100_000_000;

    public static ApiResult<StreamConfig> NormalizeCreate(StreamConfig requested, string subjectName, JetStreamLimitsView limits)
    {
        if (subjectName != (requested.Name ?? ""))
        {
            return JsErrors.StreamMismatch;
        }

        if (subjectName.AsSpan().IndexOfAny('/', '\\') >= 0)
        {
            return JsErrors.StreamNameContainsPathSeparators;
        }

        if (requested.Sealed)
        {
            return JsErrors.StreamInvalidConfig("stream configuration for create can not be sealed");
        }

        if (requested.MirrorDirect)
        {
            // Without mirrors (out of scope) mirror_direct on create is always this error.
            return JsErrors.StreamInvalidConfig("stream has no mirror but does have mirror direct");
        }

        // num_replicas above 1 is accepted and echoed (a clustered nats-server's answer): every
        // byte is as durable as the storage backend under the stream grain, whatever the count.
        return Normalize(requested, limits);
    }

    /// 2.9.10 checks the config before the name in the subject on update, and lets
    /// num_replicas > 1 and mirror_direct through (verified on 2.9.10).
    public static ApiResult<StreamConfig> NormalizeUpdate(StreamConfig requested, string subjectName, JetStreamLimitsView limits)
    {
        var result = Normalize(requested, limits);
        if (!result.IsError && result.Value.Name != subjectName)
        {
            return JsErrors.StreamMismatch;
        }

        return result;
    }

    /// checkStreamCfg: defaults (0 → -1, replicas 1, subjects [name], duplicate_window 2 min or
    /// max_age) and every config rule; each failure is 500/10052 with 2.9.10's text unless noted.
    public static ApiResult<StreamConfig> Normalize(StreamConfig requested, JetStreamLimitsView limits)
    {
        string name = requested.Name ?? "";
        if (!IsValidName(name))
        {
            return JsErrors.StreamInvalidConfig("stream name is required and can not contain '.', '*', '>'");
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxNameLength)
        {
            return JsErrors.StreamInvalidConfig($"stream name is too long, maximum allowed is {MaxNameLength}");
        }

        if (Encoding.UTF8.GetByteCount(requested.Description ?? "") > MaxDescriptionLength)
        {
            return JsErrors.StreamInvalidConfig($"stream description is too long, maximum allowed is {MaxDescriptionLength}");
        }

        var cfg = requested with
        {
            Replicas = requested.Replicas == 0 ? 1 : requested.Replicas,
            MaxMsgs = MinusOneIfZero(requested.MaxMsgs),
            MaxMsgsPerSubject = MinusOneIfZero(requested.MaxMsgsPerSubject),
            MaxBytes = MinusOneIfZero(requested.MaxBytes),
            MaxMsgSize = MinusOneIfZero(requested.MaxMsgSize),
            MaxConsumers = MinusOneIfZero(requested.MaxConsumers),
            DuplicateWindowNanos = DefaultWindow(requested),
        };
        var error = CheckReplicas(cfg.Replicas) ?? CheckWindows(cfg) ?? CheckFlags(cfg);
        if (error is not null)
        {
            return error;
        }

        cfg = cfg with { Subjects = cfg.Subjects is { Count: > 0 } ? cfg.Subjects : [name] };
        error = CheckSubjects(cfg.Subjects) ?? CheckMaxBytes(cfg, limits) ?? CheckSelfOverlap(cfg.Subjects);
        return error is null ? cfg : error;
    }

    /// configUpdateCheck: immutable fields and one-way flags, then sealing, which forces
    /// max_age 0, discard new, deny_delete, deny_purge and no roll-ups (verified on 2.9.10).
    /// Returns the config to store. The caller still checks the account's storage limits.
    public static ApiResult<StreamConfig> CheckUpdate(StreamConfig existing, StreamConfig requested)
    {
        string? failure =
            requested.Name != existing.Name ? "stream configuration name must match original"
            : requested.MaxConsumers != existing.MaxConsumers ? "stream configuration update can not change MaxConsumers"
            : requested.Storage != existing.Storage ? "stream configuration update can not change storage type"
            : requested.Retention != existing.Retention ? "stream configuration update can not change retention policy"
            : !requested.Sealed && existing.Sealed ? "stream configuration update can not unseal a sealed stream"
            : !requested.DenyDelete && existing.DenyDelete ? "stream configuration update can not cancel deny message deletes"
            : !requested.DenyPurge && existing.DenyPurge ? "stream configuration update can not cancel deny purge"
            : null;
        if (failure is not null)
        {
            return JsErrors.StreamInvalidConfig(failure);
        }

        if (CheckFlags(requested) is { } flags)
        {
            return flags;
        }

        return requested.Sealed
            ? requested with { MaxAgeNanos = 0, Discard = DiscardPolicy.New, DenyDelete = true, DenyPurge = true, AllowRollup = false }
            : requested;
    }

    /// Go's SubjectsCollide over two subject lists: 10065 between streams, NAMES `subject`.
    public static bool Overlaps(IReadOnlyList<string> subjects, IReadOnlyList<string> others) =>
        subjects.Any(subject => SubjectOverlap.CollidesWithAny(subject, others));

    /// reflect.DeepEqual of two normalized configs: a create that repeats the stored config
    /// succeeds again (§2.2); records compare lists by reference, so this compares subjects.
    public static bool Equivalent(StreamConfig a, StreamConfig b) =>
        a with { Subjects = null } == b with { Subjects = null }
        && (a.Subjects ?? []).SequenceEqual(b.Subjects ?? []);

    /// nats-server's isValidName: non-empty, no whitespace, `.`, `*` or `>`.
    public static bool IsValidName(string name) =>
        name.Length > 0 && name.AsSpan().IndexOfAny(" \t\r\n\f.*>") < 0;

    private static long MinusOneIfZero(long value) => value == 0 ? -1 : value;

    private static long DefaultWindow(StreamConfig cfg) =>
        cfg.DuplicateWindowNanos != 0 ? cfg.DuplicateWindowNanos
        : cfg.MaxAgeNanos != 0 && cfg.MaxAgeNanos < DefaultDuplicateWindowNanos ? cfg.MaxAgeNanos
        : DefaultDuplicateWindowNanos;

    private static ApiError? CheckReplicas(long replicas) =>
        replicas > MaxReplicas ? JsErrors.StreamInvalidConfig($"maximum replicas is {MaxReplicas}")
        : replicas < 0 ? JsErrors.ReplicasCountCannotBeNegative
        : null;

    private static ApiError? CheckWindows(StreamConfig cfg)
    {
        long age = cfg.MaxAgeNanos, window = cfg.DuplicateWindowNanos;
        string? failure =
            age > 0 && age < MinWindowNanos ? "max age needs to be >= 100ms"
            : window < 0 ? "duplicates window can not be negative"
            : age != 0 && window > age ? "duplicates window can not be larger then max age"
            : window > 0 && window < MinWindowNanos ? "duplicates window needs to be >= 100ms"
            : null;
        return failure is null ? null : JsErrors.StreamInvalidConfig(failure);
    }

    private static ApiError? CheckFlags(StreamConfig cfg)
    {
        string? failure =
            cfg.DenyPurge && cfg.AllowRollup ? "roll-ups require the purge permission"
            : cfg.DiscardNewPerSubject && cfg.Discard != DiscardPolicy.New ? "discard new per subject requires discard new policy to be set"
            : cfg.DiscardNewPerSubject && cfg.MaxMsgsPerSubject <= 0 ? "discard new per subject requires max msgs per subject > 0"
            : null;
        return failure is null ? null : JsErrors.StreamInvalidConfig(failure);
    }

    private static ApiError? CheckSubjects(IReadOnlyList<string> subjects)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string subject in subjects)
        {
            string? failure =
                !seen.Add(subject) ? "duplicate subjects detected"
                : SubjectOverlap.IsSubsetMatch(subject, "$JS.API.>") ? "subjects overlap with jetstream api"
                : !SubjectValidator.IsValidSubscription(subject.AsSpan()) ? "invalid subject"
                : null;
            if (failure is not null)
            {
                return JsErrors.StreamInvalidConfig(failure);
            }
        }

        return null;
    }

    private static ApiError? CheckMaxBytes(StreamConfig cfg, JetStreamLimitsView limits)
    {
        long cap = limits.MaxStreamBytes(cfg.Storage);
        return limits.MaxBytesRequired && cfg.MaxBytes <= 0 ? JsErrors.StreamMaxBytesRequired
            : cap > 0 && cfg.MaxBytes > cap ? JsErrors.StreamMaxStreamBytesExceeded
            : null;
    }

    private static ApiError? CheckSelfOverlap(IReadOnlyList<string> subjects)
    {
        foreach (string subject in subjects)
        {
            foreach (string other in subjects)
            {
                if (other != subject && SubjectOverlap.Collide(other, subject))
                {
                    return JsErrors.StreamInvalidConfig(
                        $"subject {GoQuote.Quote(subject)} overlaps with {GoQuote.Quote(other)}");
                }
            }
        }

        return null;
    }
}
