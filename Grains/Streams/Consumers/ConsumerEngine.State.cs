namespace Natrium.Grains.Streams.Consumers;

/// ConsumerInfo's live numbers and the persisted state.
internal sealed partial class ConsumerEngine
{
    /// delivered, ack_floor, num_ack_pending, num_redelivered, num_waiting, num_pending,
    /// push_bound for CONSUMER.INFO / CREATE answers. num_pending is recounted from the stream,
    /// as nats-server does for each info; pulls already past their expiry are not counted.
    public ConsumerStateInfo State(long now)
    {
        RecountPending();
        var waiting = 0;
        for (var i = 0; i < NumWaiting; i++)
        {
            var pull = _waiting![i];
            waiting += pull.ExpiresAt == 0 || now < pull.ExpiresAt ? 1 : 0;
        }

        return new ConsumerStateInfo(
            new SequenceInfo(_nextConsumerSeq - 1, _nextStreamSeq - 1, _lastDeliveredAt == 0 ? null : _lastDeliveredAt),
            new SequenceInfo(_ackFloorConsumerSeq, _ackFloorStreamSeq, _lastAckAt == 0 ? null : _lastAckAt),
            _pending.Count,
            _redelivered.Count,
            waiting,
            _numPending,
            _config.IsPush && _interest);
    }

    /// What to persist so delivered, the ack floor, pending and redelivery counts survive a
    /// restart.
    public ConsumerSnapshot Snapshot()
    {
        var count = _pending.Count;
        var streamSeqs = new ulong[count];
        var consumerSeqs = new ulong[count];
        var timestamps = new long[count];
        var i = 0;
        foreach (var (seq, entry) in _pending.Entries)
        {
            streamSeqs[i] = seq;
            consumerSeqs[i] = entry.ConsumerSeq;
            timestamps[i] = entry.Timestamp;
            i++;
        }

        return new ConsumerSnapshot(
            _nextConsumerSeq - 1,
            _nextStreamSeq - 1,
            _ackFloorConsumerSeq,
            _ackFloorStreamSeq,
            streamSeqs,
            consumerSeqs,
            timestamps,
            [.. _redelivered.Keys],
            [.. _redelivered.Values],
            _lastDeliveredAt,
            _lastAckAt);
    }

    /// applyState in consumer.go: never moves the start backwards; pending messages come back
    /// with their delivery times, so the ones past ack_wait are redelivered at the first Tick.
    private void Restore(ConsumerSnapshot snapshot)
    {
        _nextStreamSeq = Math.Max(_nextStreamSeq, snapshot.DeliveredStreamSeq + 1);
        _nextConsumerSeq = snapshot.DeliveredConsumerSeq + 1;
        _ackFloorConsumerSeq = snapshot.AckFloorConsumerSeq;
        _ackFloorStreamSeq = snapshot.AckFloorStreamSeq;
        _lastDeliveredAt = snapshot.LastDeliveredNanos;
        _lastAckAt = snapshot.LastAckNanos;
        for (var i = 0; i < snapshot.RedeliveredStreamSeqs.Length; i++)
        {
            _redelivered[snapshot.RedeliveredStreamSeqs[i]] = snapshot.RedeliveredCounts[i];
        }

        for (var i = 0; i < snapshot.PendingStreamSeqs.Length; i++)
        {
            _pending.Restore(snapshot.PendingStreamSeqs[i], new PendingEntry(snapshot.PendingConsumerSeqs[i], snapshot.PendingTimestamps[i], 0));
        }

        _pending.Reschedule((seq, entry) => entry.Timestamp + AckWaitFor(seq));

        // Resuming inside a last_per_subject start: keep only what is still ahead.
        if (_skipList is not null)
        {
            while (_skipIndex < _skipList.Length && _skipList[_skipIndex] < _nextStreamSeq)
            {
                _skipIndex++;
            }

            if (_skipIndex == _skipList.Length)
            {
                EndSkipList();
            }
        }

        _numPendingDirty = true;
    }
}
