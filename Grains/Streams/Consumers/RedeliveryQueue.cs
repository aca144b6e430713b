namespace Natrium.Grains.Streams.Consumers;

/// Stream sequences waiting to be redelivered (NAK'd or past ack_wait), oldest first, each at
/// most once (rdq/rdqi in consumer.go). Removal is lazy; the queue is rebuilt when stale
/// entries outnumber live ones.
internal sealed class RedeliveryQueue
{
    private const int Slack = 64;

    private readonly Queue<ulong> _queue = new();
    private readonly HashSet<ulong> _members = [];

    public int Count => _members.Count;

    public bool Contains(ulong streamSeq) => _members.Contains(streamSeq);

    public void Enqueue(ulong streamSeq)
    {
        if (_members.Add(streamSeq))
        {
            _queue.Enqueue(streamSeq);
        }
    }

    public void Remove(ulong streamSeq)
    {
        if (_members.Remove(streamSeq) && _queue.Count > 2 * _members.Count + Slack)
        {
            var live = _queue.Where(_members.Contains).Distinct().ToArray();
            _queue.Clear();
            foreach (var seq in live)
            {
                _queue.Enqueue(seq);
            }
        }
    }

    /// The oldest live entry, without taking it.
    public bool TryPeek(out ulong streamSeq)
    {
        while (_queue.TryPeek(out streamSeq))
        {
            if (_members.Contains(streamSeq))
            {
                return true;
            }

            _queue.Dequeue();
        }

        return false;
    }

    /// Takes the oldest live entry (call after TryPeek said there is one).
    public void Dequeue()
    {
        if (TryPeek(out var seq))
        {
            _queue.Dequeue();
            _members.Remove(seq);
        }
    }

    public ulong[] ToArray() => _queue.Where(_members.Contains).Distinct().ToArray();

    public void Clear()
    {
        _queue.Clear();
        _members.Clear();
    }
}
