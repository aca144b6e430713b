namespace Natrium.Grains.Streams.Consumers;

/// The pull requests of one consumer, a ring of max_waiting slots served round-robin: a
/// request that still wants more after a message moves behind the others (waitQueue.pop in
/// consumer.go; seen on 2.9.10: batches 2, 1 and 5 got m0, m1, m2, then m3 went to the first).
internal sealed class WaitingQueue(int capacity)
{
    private readonly WaitingPull?[] _ring = new WaitingPull?[Math.Max(1, capacity)];
    private int _head;

    public int Count { get; private set; }

    /// How many queued pulls are no_wait (they end at the end of the stream).
    public int NoWaitCount { get; private set; }

    public bool IsFull => Count == _ring.Length;

    public WaitingPull this[int index] => _ring[(_head + index) % _ring.Length]!;

    /// False when max_waiting requests are already queued.
    public bool TryAdd(WaitingPull pull)
    {
        if (IsFull)
        {
            return false;
        }

        _ring[(_head + Count) % _ring.Length] = pull;
        Count++;
        NoWaitCount += pull.NoWait ? 1 : 0;
        return true;
    }

    public WaitingPull? Peek() => Count == 0 ? null : _ring[_head];

    public void RemoveFirst()
    {
        NoWaitCount -= _ring[_head]!.NoWait ? 1 : 0;
        _ring[_head] = null;
        _head = (_head + 1) % _ring.Length;
        Count--;
        if (Count == 0)
        {
            _head = 0;
        }
    }

    /// The first request took one message: done ones leave, others go to the back.
    public void Served()
    {
        var first = _ring[_head]!;
        if (first.Remaining <= 0)
        {
            RemoveFirst();
        }
        else if (Count > 1)
        {
            RemoveFirst();
            TryAdd(first);
        }
    }

    /// Drops the requests `remove` picks (it may act on them first); the rest keep their order.
    public void RemoveWhere<TState>(Func<WaitingPull, TState, bool> remove, TState state)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            var pull = this[i];
            if (remove(pull, state))
            {
                NoWaitCount -= pull.NoWait ? 1 : 0;
            }
            else
            {
                _ring[(_head + kept) % _ring.Length] = pull;
                kept++;
            }
        }

        for (var i = kept; i < Count; i++)
        {
            _ring[(_head + i) % _ring.Length] = null;
        }

        Count = kept;
        if (Count == 0)
        {
            _head = 0;
        }
    }

    public void Clear()
    {
        Array.Clear(_ring);
        _head = 0;
        Count = 0;
        NoWaitCount = 0;
    }
}
