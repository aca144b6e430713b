using System.Collections.Concurrent;

namespace Natrium.Silo.Monitoring;

/// /varz http_req_stats: how many requests each monitoring path has served since start, keyed
/// by the path without http_base_path ("/varz"), as nats-server counts them.
internal sealed class HttpRequestStats
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Count(string path) => _counts.AddOrUpdate(path, 1, static (_, n) => n + 1);

    public IReadOnlyList<KeyValuePair<string, long>> Snapshot() => [.. _counts.OrderBy(c => c.Key, StringComparer.Ordinal)];
}
