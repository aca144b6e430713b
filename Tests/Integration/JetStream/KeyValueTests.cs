using NATS.Client.KeyValueStore;

namespace Natrium.Tests.Integration.JetStream;

/// NATS.Net's KeyValue store (spec/jetstream.md §7.1): a stream convention the server knows
/// nothing of, so it works when streams, direct gets, rollups and push consumers do.
public sealed class KeyValueTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Put_get_update_delete_and_history()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var kv = new NatsKVContext(js);
        var store = await kv.CreateStoreAsync(new NatsKVConfig("config") { History = 5 });
        var r1 = await store.PutAsync("app.mode", "blue");
        var r2 = await store.PutAsync("app.mode", "green");
        Assert.True(r2 > r1);
        var entry = await store.GetEntryAsync<string>("app.mode");
        Assert.Equal("green", entry.Value);
        Assert.Equal(r2, entry.Revision);

        await Assert.ThrowsAsync<NatsKVWrongLastRevisionException>(async () => await store.UpdateAsync("app.mode", "red", r1));
        var r3 = await store.UpdateAsync("app.mode", "red", r2);
        Assert.Equal("red", (await store.GetEntryAsync<string>("app.mode")).Value);

        var history = new List<string?>();
        await foreach (var e in store.HistoryAsync<string>("app.mode"))
        {
            history.Add(e.Value);
        }

        Assert.Equal(["blue", "green", "red"], history);

        await store.DeleteAsync("app.mode");
        await Assert.ThrowsAsync<NatsKVKeyDeletedException>(async () => await store.GetEntryAsync<string>("app.mode"));
        Assert.True(r3 > r2);
    }

    [Fact]
    public async Task Create_refuses_an_existing_key_and_purge_forgets_its_history()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var store = await new NatsKVContext(js).CreateStoreAsync(new NatsKVConfig("once") { History = 10 });
        await store.CreateAsync("k", "first");
        await Assert.ThrowsAsync<NatsKVCreateException>(async () => await store.CreateAsync("k", "second"));
        await store.PutAsync("k", "more");
        await store.PurgeAsync("k");
        var history = new List<NatsKVEntry<string>>();
        await foreach (var e in store.HistoryAsync<string>("k"))
        {
            history.Add(e);
        }

        Assert.Single(history);
        Assert.Equal(NatsKVOperation.Purge, history[0].Operation);
    }

    [Fact]
    public async Task Watch_sees_current_values_then_updates()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var store = await new NatsKVContext(js).CreateStoreAsync(new NatsKVConfig("watched"));
        await store.PutAsync("a", "1");
        await store.PutAsync("b", "2");
        using var cts = new CancellationTokenSource(Patience);
        var seen = new List<string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in store.WatchAsync<string>(cancellationToken: cts.Token))
            {
                seen.Add($"{e.Key}={e.Value}");
                if (seen.Count == 3)
                {
                    return;
                }
            }
        });
        await Natrium.Tests.TestKit.Eventually.TrueAsync(() => seen.Count >= 2, "the watcher has the current values", () => string.Join(",", seen), Patience);
        await store.PutAsync("a", "3");
        await watching.WaitAsync(Patience);
        Assert.Equal(["a=1", "b=2", "a=3"], seen);
    }

    [Fact]
    public async Task Keys_lists_the_live_keys()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var store = await new NatsKVContext(js).CreateStoreAsync(new NatsKVConfig("keyed"));
        await store.PutAsync("x", "1");
        await store.PutAsync("y", "2");
        await store.PutAsync("z", "3");
        await store.DeleteAsync("y");
        var keys = new List<string>();
        await foreach (var key in store.GetKeysAsync())
        {
            keys.Add(key);
        }

        Assert.Equal(["x", "z"], keys.Order());
    }
}
