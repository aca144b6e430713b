using System.Collections.Concurrent;
using NATS.Client.Core;
using Natrium.Contracts.Subjects;

namespace Natrium.Tests.Integration.Cluster;

/// A numbered stream of messages from a publisher on one node to a subscriber on another, over
/// one subscription in every subject shard, the wildcard shard included (so whichever shard
/// grains a lost node held, the stream crosses them). Runs until stopped; then every message
/// must have arrived exactly once.
internal sealed class SteadyStream : IAsyncDisposable
{
    private readonly NatsConnection _publisher;
    private readonly NatsConnection _subscriber;
    private readonly (string Subscribe, string Publish)[] _subjects;
    private readonly List<INatsSub<int>> _subs = [];
    private readonly ConcurrentDictionary<int, int> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _publishing;
    private Task? _reading;

    private SteadyStream(NatsConnection publisher, NatsConnection subscriber, string prefix)
    {
        _publisher = publisher;
        _subscriber = subscriber;
        _subjects = [.. SubjectShards.All().Select(shard => shard == SubjectShards.WildcardShard
            ? ($"*.{prefix}w", $"{prefix}w.{prefix}w")
            : Enumerable.Range(0, 10_000).Select(i => $"{prefix}{i}.x").Select(s => (Subscribe: s, Publish: s))
                .First(s => SubjectShards.ShardOf(System.Text.Encoding.ASCII.GetBytes(s.Publish)) == shard))];
    }

    public static async Task<SteadyStream> StartAsync(NatsConnection publisher, NatsConnection subscriber, string prefix)
    {
        var stream = new SteadyStream(publisher, subscriber, prefix);
        foreach (var (subject, _) in stream._subjects)
        {
            stream._subs.Add(await subscriber.SubscribeCoreAsync<int>(subject));
        }

        // After the PONG every node knows the interest (a PING is the cluster's barrier).
        await subscriber.PingAsync();
        stream._reading = Task.WhenAll(stream._subs.Select(stream.ReadAsync));
        stream._publishing = Task.Run(stream.PublishAsync);
        return stream;
    }

    /// Stops publishing and waits (within patience) for every message to arrive; returns the
    /// numbers of those that did not.
    public async Task<int[]> StopAsync(TimeSpan patience)
    {
        _stop.Cancel();
        var published = await _publishing!;
        await _publisher.PingAsync();
        using var wait = new CancellationTokenSource(patience);
        while (_received.Count < published && !wait.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        Assert.All(_received, kv => Assert.Equal(1, kv.Value));
        return [.. Enumerable.Range(0, published).Where(n => !_received.ContainsKey(n))];
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var sub in _subs)
        {
            await sub.DisposeAsync();
        }

        if (_reading is not null)
        {
            await _reading;
        }
    }

    // One message every millisecond or so, round robin over the subjects; returns the count.
    private async Task<int> PublishAsync()
    {
        var n = 0;
        while (!_stop.IsCancellationRequested)
        {
            await _publisher.PublishAsync(_subjects[n % _subjects.Length].Publish, n);
            n++;
            await Task.Delay(1, CancellationToken.None);
        }

        return n;
    }

    private async Task ReadAsync(INatsSub<int> sub)
    {
        await foreach (var msg in sub.Msgs.ReadAllAsync())
        {
            _received.AddOrUpdate(msg.Data, 1, (_, count) => count + 1);
        }
    }
}
