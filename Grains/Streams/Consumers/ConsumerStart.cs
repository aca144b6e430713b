using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Streams.Consumers;

/// Where a new consumer starts reading (selectStartingSeqNo in consumer.go; spec/jetstream.md
/// §4.3). Seen on 2.9.10 with seqs 1–5 (a1 b1 b2 a2 c1): `last` filtered to p4.a → delivered
/// stream_seq 3; `new` → 7 after two more; by_start_sequence 3 → 2; 300 → last; an old
/// start time → 0; last_per_subject → first candidate − 1.
internal static class ConsumerStart
{
    /// The first stream sequence to look at; for last_per_subject also the skip list (the newest
    /// sequence of each subject, ascending) and the stream's last sequence, after which delivery
    /// goes on normally.
    public static ulong Select(ConsumerConfig config, IStreamView view, out ulong[]? skipList, out ulong resumeAfter)
    {
        skipList = null;
        resumeAfter = 0;
        var filter = string.IsNullOrEmpty(config.FilterSubject) ? null : config.FilterSubject;
        var first = view.FirstSequence;
        var last = view.LastSequence;
        ulong start;
        if (config.OptStartSeq != 0)
        {
            start = config.OptStartSeq;
        }
        else if (config.DeliverPolicy == DeliverPolicy.All)
        {
            start = first;
        }
        else if (config.DeliverPolicy == DeliverPolicy.Last)
        {
            start = filter is null ? last : LastOf(view.LastPerSubject(filter));
        }
        else if (config.DeliverPolicy == DeliverPolicy.LastPerSubject)
        {
            var lasts = view.LastPerSubject(filter);
            if (lasts.Count > 0)
            {
                skipList = [.. lasts];
                resumeAfter = last;
                start = skipList[0];
            }
            else
            {
                // nats-server: "if no mapping info just set to last".
                start = last;
            }
        }
        else if (config.OptStartTime is { } time)
        {
            start = view.SequenceAtOrAfter((time.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) * 100);
        }
        else
        {
            start = last + 1;
        }

        if (first == 0)
        {
            return 1;
        }

        return start < first ? first : start > last ? last + 1 : start;
    }

    private static ulong LastOf(IReadOnlyList<ulong> ascending) => ascending.Count == 0 ? 0 : ascending[^1];
}
