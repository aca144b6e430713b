using Natrium.Contracts.Subjects;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Streams.Consumers;

/// One consumer of one stream, as nats-server 2.9.10's consumer.go behaves on the wire, without
/// threads, timers or a clock: the stream grain calls it from one turn at a time with the time
/// (`now`, Unix nanoseconds), collects what it must send from `outputs`, and calls Tick at
/// NextDeadline. Sequences follow nats-server's names: the next consumer sequence (o.dseq) and
/// the next stream sequence to look at (o.sseq); delivered = both minus one.
internal sealed partial class ConsumerEngine
{
    private readonly IStreamView _view;
    private readonly string _ackPrefix;
    private ConsumerConfig _config;

    private ulong _nextConsumerSeq = 1;
    private ulong _nextStreamSeq;
    private ulong _ackFloorConsumerSeq;
    private ulong _ackFloorStreamSeq;
    private long _lastDeliveredAt;
    private long _lastAckAt;

    private readonly PendingSet _pending = new();
    // Times each stream sequence was redelivered (rdc in consumer.go, num_redelivered).
    private readonly Dictionary<ulong, ulong> _redelivered = [];
    private readonly RedeliveryQueue _redeliveries = new();

    // last_per_subject: the newest sequence of each subject at creation, then on from resume.
    private ulong[]? _skipList;
    private int _skipIndex;
    private ulong _skipResume;

    // num_pending, kept incrementally (npc/npcm in consumer.go) and recounted when unsure.
    private ulong _numPending;
    private ulong _countedThrough;
    private bool _numPendingDirty = true;

    private bool _deleted;
    private readonly List<ulong> _scratch = [];
    private readonly List<SequenceRange> _acked = [];

    public ConsumerEngine(string stream, string name, ConsumerConfig config, IStreamView view, long createdNanos, ConsumerSnapshot? restored = null)
    {
        Stream = stream;
        Name = name;
        _config = config;
        _view = view;
        CreatedNanos = createdNanos;
        _ackPrefix = AckSubject.Prefix(stream, name);
        _nextStreamSeq = ConsumerStart.Select(config, view, out _skipList, out _skipResume);
        _lastActivity = createdNanos;
        _inactiveSince = createdNanos;
        _idleSince = createdNanos;
        if (config is { FlowControl: true, IsPush: true })
        {
            _flow = new FlowControl();
        }

        if (config.ReplayPolicy == ReplayPolicy.Original)
        {
            _replaying = true;
            _replayUntil = view.LastSequence;
        }

        if (restored is not null)
        {
            Restore(restored);
        }
    }

    public string Stream { get; }

    public string Name { get; }

    public long CreatedNanos { get; }

    public ConsumerConfig Config => _config;

    public bool IsDeleted => _deleted;

    /// Set by the stream grain for interest and workqueue retention: the engine then records
    /// which stream sequences it stops needing, for DrainAcked.
    public bool TrackAcks { get; set; }

    /// Moves the ranges recorded since the last call into `into` (only with TrackAcks). Each
    /// range may hold sequences this consumer never saw; check them with IsAcked and the filter.
    public void DrainAcked(List<SequenceRange> into)
    {
        into.AddRange(_acked);
        _acked.Clear();
    }

    /// Whether this consumer no longer needs the stream message (needAck in consumer.go,
    /// negated): at or below the ack floor, or for explicit acks already delivered and not
    /// pending. The caller checks the filter (FilterMatches) first.
    public bool IsAcked(ulong streamSeq) =>
        streamSeq <= _ackFloorStreamSeq
        || (_config.AckPolicy == AckPolicy.Explicit && streamSeq < _nextStreamSeq && !_pending.Contains(streamSeq));

    /// Whether a stream subject falls under this consumer's filter_subject.
    public bool FilterMatches(string subject) => Filter is not { } filter || SubjectMatcher.Matches(filter, subject);

    private string? Filter => string.IsNullOrEmpty(_config.FilterSubject) ? null : _config.FilterSubject;

    private void RecordAcked(ulong first, ulong last)
    {
        if (TrackAcks && first <= last)
        {
            _acked.Add(new SequenceRange(first, last));
        }
    }

    /// The consumer's num_pending, recounted from the stream when a removal left it unsure.
    private ulong NumPending
    {
        get
        {
            if (_numPendingDirty)
            {
                RecountPending();
            }

            return _numPending;
        }
    }

    private void RecountPending()
    {
        _countedThrough = _view.LastSequence;
        if (_skipList is not null)
        {
            ulong remaining = 0;
            for (var i = _skipIndex; i < _skipList.Length; i++)
            {
                remaining += _view.Load(_skipList[i]) is null ? 0UL : 1UL;
            }

            _numPending = remaining + _view.CountMatching(_skipResume, Filter);
        }
        else
        {
            _numPending = _view.CountMatching(_nextStreamSeq - 1, Filter);
        }

        _numPendingDirty = false;
    }

    /// ack_wait, or backoff[n] after n redeliveries (the last entry repeats), as checkPending.
    private long AckWaitFor(ulong streamSeq)
    {
        if (_config.BackoffNanos is { Count: > 0 } backoff)
        {
            var redelivered = _redelivered.GetValueOrDefault(streamSeq);
            return backoff[(int)Math.Min(redelivered, (ulong)backoff.Count - 1)];
        }

        return _config.AckWaitNanos > 0 ? _config.AckWaitNanos : DefaultAckWaitNanos;
    }

    private const long DefaultAckWaitNanos = 30_000_000_000;

    private static ulong Decrement(ulong value) => value == 0 ? 0 : value - 1;
}
