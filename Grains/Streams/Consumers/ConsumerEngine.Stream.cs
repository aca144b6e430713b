using Natrium.Contracts.Subjects;
using Natrium.Grains.Streams.Api;

namespace Natrium.Grains.Streams.Consumers;

/// What happens to the stream underneath: new messages, removals, purges, and config updates.
internal sealed partial class ConsumerEngine
{
    /// A message was stored at `streamSeq` (subject when the caller has it, else loaded when
    /// the consumer is filtered): counts it in num_pending and delivers if someone waits.
    public void OnStored(ulong streamSeq, long now, List<ConsumerOutput> outputs, string? subject = null)
    {
        if (_deleted)
        {
            return;
        }

        if (streamSeq > _countedThrough)
        {
            _countedThrough = streamSeq;
            if (!_numPendingDirty && streamSeq >= _nextStreamSeq && StoredMatches(streamSeq, subject))
            {
                _numPending++;
            }
        }

        if (HasTarget())
        {
            DeliverAvailable(now, outputs);
        }
    }

    /// The stream dropped one message (limits, delete, workqueue/interest removal). A pending
    /// one leaves pending as if acked (decStreamPending in consumer.go; 2.9.10 also publishes
    /// MSG_TERMINATED there, which we do not); an undelivered one leaves num_pending.
    public void OnRemoved(ulong streamSeq, string? subject = null)
    {
        if (_deleted)
        {
            return;
        }

        DropPending(streamSeq);
        if (_numPendingDirty || streamSeq < _nextStreamSeq || streamSeq > _countedThrough)
        {
            return;
        }

        if (_skipList is not null && streamSeq <= _skipResume)
        {
            // Only the newest of each subject counts before resume.
            if (Array.BinarySearch(_skipList, _skipIndex, _skipList.Length - _skipIndex, streamSeq) >= 0)
            {
                _numPending = Decrement(_numPending);
            }
        }
        else if (Filter is null || (subject is not null && SubjectMatcher.Matches(Filter, subject)))
        {
            _numPending = Decrement(_numPending);
        }
        else if (subject is null)
        {
            _numPendingDirty = true;
        }
    }

    /// The stream was purged and now starts at `firstSeq` (LastSequence + 1 when emptied), as
    /// consumer.purge: the consumer skips ahead, the ack floor moves up to firstSeq − 1
    /// (seen on 2.9.10: delivered 9/6 → ack_floor 9/6), pending below firstSeq is forgotten.
    public void OnPurged(ulong firstSeq)
    {
        if (_deleted || firstSeq == 0)
        {
            return;
        }

        _nextStreamSeq = Math.Max(_nextStreamSeq, firstSeq);
        ForgetThrough(firstSeq - 1);
        foreach (var seq in _redelivered.Keys.Where(seq => seq < firstSeq).ToList())
        {
            _redelivered.Remove(seq);
        }

        if (_ackFloorStreamSeq < firstSeq - 1)
        {
            // nats-server forgets all pending here; we keep what the purge left, with the
            // floor just below the lowest of it.
            var first = _pending.First;
            if (first == 0)
            {
                _ackFloorStreamSeq = firstSeq - 1;
                _ackFloorConsumerSeq = _nextConsumerSeq - 1;
            }
            else
            {
                _pending.TryGet(first, out var entry);
                _ackFloorStreamSeq = first - 1;
                _ackFloorConsumerSeq = Math.Max(_ackFloorConsumerSeq, entry.ConsumerSeq - 1);
            }
        }

        _numPendingDirty = true;
    }

    /// A create with changed mutable fields (ack_wait, backoff, max_deliver, max_ack_pending,
    /// deliver_subject, inactive_threshold, headers_only…) applies in place. A new
    /// deliver_subject sends everything pending again (forceExpirePending in consumer.go), once
    /// it has interest: `pushInterest` is whether the new one has any (null: unchanged).
    public void UpdateConfig(ConsumerConfig config, long now, List<ConsumerOutput> outputs, bool? pushInterest = null)
    {
        var old = _config;
        _config = config;
        if (pushInterest is { } interest && interest != _interest)
        {
            // The old subject's interest says nothing of the new one's (updateDeliverSubject).
            _interest = interest;
            _inactiveSince = now;
        }

        if (old.FilterSubject != config.FilterSubject)
        {
            _numPendingDirty = true;
        }

        if (config.IsPush && old.DeliverSubject != config.DeliverSubject)
        {
            foreach (var seq in _pending.Entries.Select(e => e.Key).Where(seq => !_redeliveries.Contains(seq)).Order().ToList())
            {
                _pending.Park(seq);
                _redeliveries.Enqueue(seq);
            }
        }
        else if (old.AckWaitNanos != config.AckWaitNanos || !SameBackoff(old.BackoffNanos, config.BackoffNanos))
        {
            _pending.Reschedule((seq, entry) => entry.Timestamp + AckWaitFor(seq));
        }

        DeliverAvailable(now, outputs);
    }

    /// A pending message that no longer exists: out of pending like an ack.
    private void DropPending(ulong streamSeq)
    {
        if (!_pending.TryGet(streamSeq, out var entry))
        {
            return;
        }

        if (_config.AckPolicy == AckPolicy.Explicit)
        {
            AckExplicit(streamSeq, entry.ConsumerSeq);
            return;
        }

        // ack_policy all: nats-server would ack everything below it too; only this one is gone.
        _pending.Remove(streamSeq, out _);
        _redelivered.Remove(streamSeq);
        _redeliveries.Remove(streamSeq);
    }

    private bool StoredMatches(ulong streamSeq, string? subject)
    {
        if (Filter is not { } filter)
        {
            return true;
        }

        subject ??= _view.Load(streamSeq)?.Subject;
        return subject is not null && SubjectMatcher.Matches(filter, subject);
    }

    private static bool SameBackoff(IReadOnlyList<long>? a, IReadOnlyList<long>? b) =>
        (a ?? []).SequenceEqual(b ?? []);
}
