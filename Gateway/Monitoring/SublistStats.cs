namespace Natrium.Gateway.Monitoring;

/// nats-server's sublist statistics of one account's matching on this gateway, or several
/// merged as its /subsz merges its accounts' (spec/monitoring_cluster.md §5): counts add up,
/// max_fanout is the largest, and the rates are recomputed from the merged counts, not averaged.
/// Fan-out is over the cached results: local plain subscribers, queue groups (one each) and
/// other gateways with plain interest.
internal readonly record struct SublistStats(
    long Subscriptions, long Cached, long Inserts, long Removes, long Matches, long CacheHits, long TotalFanout, int MaxFanout)
{
    public double CacheHitRate => Matches > 0 ? (double)CacheHits / Matches : 0d;

    public double AvgFanout => Cached > 0 ? (double)TotalFanout / Cached : 0d;

    public static SublistStats operator +(SublistStats a, SublistStats b) => new(
        a.Subscriptions + b.Subscriptions, a.Cached + b.Cached, a.Inserts + b.Inserts, a.Removes + b.Removes,
        a.Matches + b.Matches, a.CacheHits + b.CacheHits, a.TotalFanout + b.TotalFanout, Math.Max(a.MaxFanout, b.MaxFanout));
}
