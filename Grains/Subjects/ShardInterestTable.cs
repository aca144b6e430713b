namespace Natrium.Grains.Subjects;

/// Interest counts of one shard: for each gateway, how many subscriptions it has on each
/// subject and queue. Keyed by gateway first: a subject most often has one gateway's interest,
/// and a table per subject would cost a dictionary per subscription (issue 18's memory goal).
/// Not thread-safe: owned by one grain activation.
internal sealed class ShardInterestTable
{
    private readonly Dictionary<string, Dictionary<InterestKey, int>> _byGateway = new(StringComparer.Ordinal);

    /// Sets one count; returns false when nothing changed.
    public bool Set(InterestKey key, string gatewayId, int count)
    {
        if (count <= 0)
        {
            return Remove(key, gatewayId);
        }

        if (!_byGateway.TryGetValue(gatewayId, out var counts))
        {
            counts = [];
            _byGateway[gatewayId] = counts;
        }

        if (counts.TryGetValue(key, out var old) && old == count)
        {
            return false;
        }

        counts[key] = count;
        return true;
    }

    /// Removes every count of a gateway and returns the keys it had.
    public IReadOnlyCollection<InterestKey> RemoveGateway(string gatewayId) =>
        _byGateway.Remove(gatewayId, out var counts) ? counts.Keys : [];

    public IEnumerable<(InterestKey Key, string GatewayId, int Count)> All()
    {
        foreach (var (gatewayId, counts) in _byGateway)
        {
            foreach (var (key, count) in counts)
            {
                yield return (key, gatewayId, count);
            }
        }
    }

    private bool Remove(InterestKey key, string gatewayId)
    {
        if (!_byGateway.TryGetValue(gatewayId, out var counts) || !counts.Remove(key))
        {
            return false;
        }

        if (counts.Count == 0)
        {
            _byGateway.Remove(gatewayId);
        }

        return true;
    }
}
