namespace Natrium.Gateway.Connections;

/// The interest acknowledgements a client's next PONG must wait for (the PONG barrier of
/// DESIGN.md). Shard outboxes hand the same task to every change of one call, so few tasks
/// are ever outstanding; completed ones are dropped whenever the set doubles, which keeps each
/// SUB O(1) however long a client streams SUBs without PING (issue #10: a list with a linear
/// Contains made that quadratic). Any thread may add (a delivery that ends a subscription).
internal sealed class PendingInterest
{
    private const int MinPruneAt = 64;

    private readonly HashSet<Task> _tasks = new(ReferenceEqualityComparer.Instance);
    private int _pruneAt = MinPruneAt;

    public void Add(Task? pending)
    {
        if (pending is null || pending.IsCompleted)
        {
            return;
        }

        lock (_tasks)
        {
            if (_tasks.Add(pending) && _tasks.Count >= _pruneAt)
            {
                _tasks.RemoveWhere(static t => t.IsCompleted);
                _pruneAt = Math.Max(MinPruneAt, _tasks.Count * 2);
            }
        }
    }

    /// Whether nothing is outstanding (completed tasks are dropped on the way).
    public bool IsSettled()
    {
        lock (_tasks)
        {
            _tasks.RemoveWhere(static t => t.IsCompleted);
            return _tasks.Count == 0;
        }
    }

    /// Everything outstanding, leaving the set empty.
    public Task[] TakeAll()
    {
        lock (_tasks)
        {
            var all = _tasks.ToArray();
            _tasks.Clear();
            _pruneAt = MinPruneAt;
            return all;
        }
    }
}
