using System.Text;
using Natrium.Grains.Storage.Redis;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;
using Natrium.Tests.TestKit;
using Natrium.Tests.Unit.JetStream.Store;
using StackExchange.Redis;

namespace Natrium.Tests.Integration.Cluster.Storage;

/// One Redis for the storage tests of a cluster's shared store.
public sealed class RedisStoreFixture : IAsyncLifetime
{
    private RedisServer? _redis;

    public IConnectionMultiplexer Connection { get; private set; } = null!;

    /// A store of its own (a fresh cluster id), so tests never see each other's keys.
    internal RedisStore NewStore() => new(Connection, "test-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync(_redis.Endpoint);
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}

/// A stream's records in Redis: what a node stored (appends, overwrites, deletions, rewritten
/// segments, blobs) is what another node opening the same stream finds, and reads served while a
/// flush is under way see every record appended.
public sealed class RedisStreamStorageTests(RedisStoreFixture redis) : IClassFixture<RedisStoreFixture>
{
    private static readonly MessageStoreOptions SmallSegments = new() { SegmentBytes = 512 };

    [Fact]
    public async Task A_stream_reopened_on_another_node_holds_exactly_what_was_flushed()
    {
        var store = redis.NewStore();
        var config = StoreHarness.Limits() with { MaxMsgsPerSubject = 3 };
        var clock = new ManualClock();
        var first = await MessageStore.OpenAsync(new RedisStreamStorage(store, "s1"), config, clock, options: SmallSegments);
        for (var i = 0; i < 200; i++)
        {
            first.Store("s." + (i % 9), i % 4 == 0 ? StoreHarness.Headers(("Nats-Msg-Id", "id" + i)) : [], Encoding.ASCII.GetBytes("payload " + i));
            clock.Advance(TimeSpan.FromMilliseconds(2));
        }

        first.Remove(190);
        first.Delete(195, erase: true);
        first.Purge("s.4", keep: 1);
        await first.FlushAsync(fsync: false);
        while (first.CompactionDue)
        {
            await first.CompactAsync();
            await first.FlushAsync(fsync: false);
        }

        var before = RecoveryTests.Snapshot(first);
        await first.DisposeAsync();

        // Another node: a new connection-level view of the same keys.
        await using var second = await MessageStore.OpenAsync(new RedisStreamStorage(store, "s1"), config, clock, options: SmallSegments);
        Assert.Equal(before, RecoveryTests.Snapshot(second));
        Assert.Empty(second.Damage);
        Assert.Equal(StoreResult.Stored(201), second.Store("s.x", ReadOnlyMemory<byte>.Empty, "after"u8.ToArray()));
        await second.FlushAsync(fsync: false);
        await using var third = await MessageStore.OpenAsync(new RedisStreamStorage(store, "s1"), config, clock, options: SmallSegments);
        Assert.Equal("after", Encoding.ASCII.GetString(third.Load(201)!.Data.Span));
    }

    [Fact]
    public async Task Records_appended_or_overwritten_while_a_flush_runs_are_read_back_and_kept()
    {
        var store = redis.NewStore();
        var storage = new RedisStreamStorage(store, "s2");
        var a = storage.Append(1, "aaaa"u8);
        var flushing = storage.FlushAsync(fsync: false);
        var b = storage.Append(1, "bbbb"u8);
        storage.Overwrite(1, a, "AAAA"u8);
        Assert.True(storage.TryRead(1, b, 4, out var readB));
        Assert.Equal("bbbb", Encoding.ASCII.GetString(readB.Span));
        await flushing;
        Assert.True(storage.TryRead(1, a, 4, out var readA));
        Assert.Equal("AAAA", Encoding.ASCII.GetString(readA.Span));
        await storage.FlushAsync(fsync: false);

        var reopened = new RedisStreamStorage(store, "s2");
        Assert.Equal([1ul], await reopened.ListSegmentsAsync());
        var contents = await reopened.ReadSegmentAsync(1);
        Assert.Equal(["AAAA", "bbbb"], contents.Records.Select(r => Encoding.ASCII.GetString(r.Data.Span)));
        Assert.Equal(8, reopened.SegmentLength(1));
        Assert.False(reopened.TryRead(1, b, 5, out _));
    }

    [Fact]
    public async Task Deleted_segments_blobs_and_whole_streams_leave_nothing_behind()
    {
        var store = redis.NewStore();
        var storage = new RedisStreamStorage(store, "s3");
        storage.Append(1, "one"u8);
        storage.Append(2, "two"u8);
        await storage.FlushAsync(fsync: false);
        await storage.WriteSegmentAsync(3, ["three"u8.ToArray()]);
        await storage.WriteBlobAsync("consumer-1", "position"u8.ToArray());
        storage.DeleteSegment(1);
        await storage.FlushAsync(fsync: false);

        var reopened = new RedisStreamStorage(store, "s3");
        Assert.Equal([2ul, 3ul], await reopened.ListSegmentsAsync());
        Assert.Equal("position", Encoding.ASCII.GetString((await reopened.ReadBlobAsync("consumer-1"))!));
        await reopened.DeleteAllAsync();
        Assert.False(store.AnyKeyStartingWith(RedisStreamStorage.KeyPrefix));
    }
}
