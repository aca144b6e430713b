using Natrium.Gateway.Monitoring;
using Natrium.Gateway.Routing;

namespace Natrium.Tests.Unit.Monitoring;

/// Merging accounts' statistics as nats-server's SublistStats.add does: counts add up, the
/// largest fan-out wins, and the rates come from the merged counts rather than an average of rates.
public sealed class SublistStatsTests
{
    [Fact]
    public void Merge_recomputes_rates_from_the_merged_counts()
    {
        var busy = new SublistStats(Subscriptions: 3, Cached: 1, Inserts: 3, Removes: 0, Matches: 100, CacheHits: 99, TotalFanout: 5, MaxFanout: 5);
        var quiet = new SublistStats(Subscriptions: 2, Cached: 3, Inserts: 4, Removes: 2, Matches: 4, CacheHits: 0, TotalFanout: 3, MaxFanout: 1);

        var merged = busy + quiet;

        Assert.Equal(new SublistStats(5, 4, 7, 2, 104, 99, 8, 5), merged);
        Assert.Equal(99d / 104, merged.CacheHitRate);
        Assert.Equal(2d, merged.AvgFanout);
    }

    [Fact]
    public void Empty_stats_have_zero_rates()
    {
        Assert.Equal(0d, default(SublistStats).CacheHitRate);
        Assert.Equal(0d, default(SublistStats).AvgFanout);
    }

    [Fact]
    public void Relaxed_counter_counts_one_threads_increments_exactly()
    {
        var counter = new RelaxedCounter();
        for (var i = 0; i < 10_000; i++)
        {
            counter.Increment();
        }

        Assert.Equal(10_000, counter.Value);
    }
}
