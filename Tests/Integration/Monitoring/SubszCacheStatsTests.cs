using NATS.Client.Core;

namespace Natrium.Tests.Integration.Monitoring;

/// /subsz's match-cache figures (spec/monitoring_cluster.md §5) from the account's real match
/// cache: every lookup is a match, repeated subjects hit, fan-out counts plain subscribers and
/// queue groups (one each) over the cached results, and acc= scopes them.
[Collection("monitoring")]
public sealed class SubszCacheStatsTests(NatsMonitoringFixture fixture) : IClassFixture<NatsMonitoringFixture>
{
    [Fact]
    public async Task Subsz_reports_matches_hits_and_fanout_of_the_accounts_match_cache()
    {
        await using var subscriber = await fixture.ConnectAsync("cache1", "cache-subscriber");
        await using var exact = await subscriber.SubscribeCoreAsync<string>("cache.a");
        await using var star = await subscriber.SubscribeCoreAsync<string>("cache.*");
        await using var queue1 = await subscriber.SubscribeCoreAsync<string>("cache.>", queueGroup: "q");
        await using var queue2 = await subscriber.SubscribeCoreAsync<string>("cache.>", queueGroup: "q");
        await subscriber.PingAsync();
        await using var publisher = await fixture.ConnectAsync("cache2", "cache-publisher");
        var before = await fixture.GetJsonAsync("/subsz?acc=CACHE");

        // cache.a: two plain subscribers and one queue group (fan-out 3), looked up 10 times:
        // the first misses, the other 9 hit. cache.b: cache.* and the group (fan-out 2), once.
        for (var i = 0; i < 10; i++)
        {
            await publisher.PublishAsync("cache.a", "m");
        }

        await publisher.PublishAsync("cache.b", "m");

        // The PONG comes after the server has routed every PUB before it.
        await publisher.PingAsync();
        var stats = await fixture.GetJsonAsync("/subsz?acc=CACHE");

        Assert.Equal(11, stats.GetProperty("num_matches").GetInt64() - before.GetProperty("num_matches").GetInt64());
        Assert.Equal(2, stats.GetProperty("num_cache").GetInt32());
        Assert.Equal(3, stats.GetProperty("max_fanout").GetInt32());
        Assert.Equal(2.5, stats.GetProperty("avg_fanout").GetDouble());
        var matches = stats.GetProperty("num_matches").GetInt64();
        var hitsBefore = before.GetProperty("cache_hit_rate").GetDouble() * before.GetProperty("num_matches").GetInt64();
        Assert.Equal(hitsBefore + 9, stats.GetProperty("cache_hit_rate").GetDouble() * matches, 6);
        var inserts = stats.GetProperty("num_inserts").GetInt64();
        Assert.True(inserts >= 4, $"4 subscriptions inserted, got {inserts}");
        Assert.Equal(inserts - stats.GetProperty("num_removes").GetInt64(), stats.GetProperty("num_subscriptions").GetInt64());

        // A change of interest invalidates the cache; the removal is counted.
        await star.UnsubscribeAsync();
        await subscriber.PingAsync();
        var after = await fixture.GetJsonAsync("/subsz?acc=CACHE");
        Assert.Equal(stats.GetProperty("num_removes").GetInt64() + 1, after.GetProperty("num_removes").GetInt64());
        Assert.Equal(0, after.GetProperty("num_cache").GetInt32());
        Assert.Equal(0, after.GetProperty("max_fanout").GetInt32());

        // Without acc= the accounts are merged: at least this account's figures.
        var all = await fixture.GetJsonAsync("/subsz");
        Assert.True(all.GetProperty("num_matches").GetInt64() >= after.GetProperty("num_matches").GetInt64());
        Assert.True(all.GetProperty("num_inserts").GetInt64() >= after.GetProperty("num_inserts").GetInt64());
        var unknown = await fixture.GetJsonAsync("/subsz?acc=NOBODY");
        Assert.Equal(0, unknown.GetProperty("num_matches").GetInt64());
    }
}
