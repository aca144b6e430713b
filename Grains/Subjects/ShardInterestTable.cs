namespace Natrium.Grains.Subjects;

/// Interest counts of one shard: for each subject and queue, how many subscriptions each
/// gateway has. Not thread-safe: owned by one grain activation.
internal sealed class ShardInterestTable
{
    private readonly Dictionary<InterestKey, Dictionary<string, int>> _byKey = new();
    private readonly Dictionary<string, HashSet<InterestKey>> _byGateway = new(StringComparer.Ordinal);

    /// Sets one count; returns false when nothing changed.
    public bool Set(InterestKey key, string gatewayId, int count)
    {
        if (count <= 0)
        {
            return Remove(key, gatewayId);
        }

        if (!_byKey.TryGetValue(key, out var perGateway))
        {
            perGateway = new Dictionary<string, int>(StringComparer.Ordinal);
            _byKey[key] = perGateway;
        }

        if (perGateway.TryGetValue(gatewayId, out var old) && old == count)
        {
            return false;
        }

        perGateway[gatewayId] = count;
        if (!_byGateway.TryGetValue(gatewayId, out var keys))
        {
            keys = [];
            _byGateway[gatewayId] = keys;
        }

        keys.Add(key);
        return true;
    }

    /// Removes every count of a gateway and returns the keys it had.
    public IReadOnlyCollection<InterestKey> RemoveGateway(string gatewayId)
    {
        if (!_byGateway.Remove(gatewayId, out var keys))
        {
            return [];
        }

        foreach (var key in keys)
        {
            if (_byKey.TryGetValue(key, out var perGateway) && perGateway.Remove(gatewayId) && perGateway.Count == 0)
            {
                _byKey.Remove(key);
            }
        }

        return keys;
    }

    public IEnumerable<(InterestKey Key, string GatewayId, int Count)> All()
    {
        foreach (var (key, perGateway) in _byKey)
        {
            foreach (var (gatewayId, count) in perGateway)
            {
                yield return (key, gatewayId, count);
            }
        }
    }

    private bool Remove(InterestKey key, string gatewayId)
    {
        if (!_byKey.TryGetValue(key, out var perGateway) || !perGateway.Remove(gatewayId))
        {
            return false;
        }

        if (perGateway.Count == 0)
        {
            _byKey.Remove(key);
        }

        if (_byGateway.TryGetValue(gatewayId, out var keys))
        {
            keys.Remove(key);
        }

        return true;
    }
}
