using System.Security.Cryptography;
using System.Text;

namespace Natrium.Grains.Streams.Api;

internal static partial class ConsumerConfigRules
{
    public const int MaxNameLength = 255;
    private const string NameAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// addConsumer for a consumer that does not exist yet, after Normalize: the consumer limit
    /// (the stream's max_consumers, or the account's when smaller, counted per stream §9), the
    /// workqueue rules against the stream's other consumers (§3.3), the durable name's length,
    /// the name (a server-made 8-character one for `CONSUMER.CREATE.<stream>` without a name)
    /// and its characters, then the inactive_threshold default. `others` are the stream's
    /// current consumer configs.
    public static ApiResult<ConsumerConfig> CheckNew(
        ConsumerConfig cfg, StreamConfig stream, JetStreamLimitsView limits, IReadOnlyCollection<ConsumerConfig> others)
    {
        long max = stream.MaxConsumers;
        if (max <= 0 || (limits.MaxConsumers > 0 && limits.MaxConsumers < max))
        {
            max = limits.MaxConsumers;
        }

        if (max > 0 && others.Count >= max)
        {
            return JsErrors.MaximumConsumersLimit;
        }

        if (stream.Retention == RetentionPolicy.WorkQueue && CheckWorkQueue(cfg, others) is { } workQueue)
        {
            return workQueue;
        }

        if (cfg.IsDurable && Encoding.UTF8.GetByteCount(cfg.DurableName!) > MaxNameLength)
        {
            return JsErrors.ConsumerNameTooLong(MaxNameLength);
        }

        if (!cfg.IsDurable && string.IsNullOrEmpty(cfg.Name))
        {
            var taken = others.Select(NameOf).ToHashSet(StringComparer.Ordinal);
            string name;
            do
            {
                name = NewEphemeralName();
            }
            while (taken.Contains(name));

            cfg = cfg with { Name = name };
        }

        return StreamConfigRules.IsValidName(NameOf(cfg)) ? WithInactiveThreshold(cfg) : JsErrors.ConsumerBadDurableName;
    }

    /// A consumer name like 2.9.10's (8 characters of [0-9A-Za-z], e.g. `JlxsqZrk`).
    public static string NewEphemeralName() =>
        string.Create(8, 0, static (chars, _) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = NameAlphabet[RandomNumberGenerator.GetInt32(NameAlphabet.Length)];
            }
        });

    /// Workqueue streams: explicit acks, one consumer per disjoint filter (2.9.10 compares
    /// filters by subset in both directions, so `a.*` and `*.b` pass), deliver all.
    private static ApiError? CheckWorkQueue(ConsumerConfig cfg, IReadOnlyCollection<ConsumerConfig> others)
    {
        if (cfg.AckPolicy != AckPolicy.Explicit)
        {
            return JsErrors.ConsumerWorkQueueRequiresExplicitAck;
        }

        string filter = cfg.FilterSubject ?? "";
        if (others.Count > 0 && filter.Length == 0)
        {
            return JsErrors.ConsumerWorkQueueMultipleUnfiltered;
        }

        bool unique = others.All(other => !string.IsNullOrEmpty(other.FilterSubject)
            && !SubjectOverlap.IsSubsetMatch(filter, other.FilterSubject)
            && !SubjectOverlap.IsSubsetMatch(other.FilterSubject, filter));
        if (others.Count > 0 && !unique)
        {
            return JsErrors.ConsumerWorkQueueNotUnique;
        }

        return cfg.DeliverPolicy != DeliverPolicy.All ? JsErrors.ConsumerWorkQueueNotDeliverAll : null;
    }
}
