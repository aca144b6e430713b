using Microsoft.Extensions.Logging;

namespace Natrium.Grains.Streams;

/// One grain timer, re-armed to the earliest thing due: a consumer's deadline (redelivery,
/// pull expiry, heartbeat, inactivity), the oldest message's max_age, the periodic fsync, a
/// consumer position to write, and the check of who still listens to push consumers and
/// waiting pulls (a pull nobody awaits any more is dropped, as nats-server drops it).
internal sealed partial class StreamGrain
{
    private static readonly long InterestCheckNanos = TimeSpan.FromSeconds(1).Ticks * 100;

    // A push consumer created (or left) a moment ago usually gets its subscriber at once
    // (clients create, then subscribe): it is looked for more often for a few seconds.
    private static readonly long EagerInterestCheckNanos = TimeSpan.FromMilliseconds(50).Ticks * 100;
    private static readonly long EagerInterestWindowNanos = TimeSpan.FromSeconds(3).Ticks * 100;

    private IGrainTimer? _timer;
    private long _armedFor = long.MaxValue;
    private long _nextInterestCheck;
    private long _nextSync;

    private void Reschedule()
    {
        if (_store is not { } store)
        {
            return;
        }

        var now = UnixNanos.Now(time);
        var next = long.MaxValue;
        var listening = false;
        var eager = false;
        foreach (var consumer in _consumers.Values)
        {
            next = Math.Min(next, consumer.NextDeadline);
            listening |= consumer.Config.IsPush || consumer.NumWaiting > 0;
            eager |= consumer.AwaitingPushInterestSince is { } since && now - since < EagerInterestWindowNanos;
        }

        if (store.NextExpiryNanos is { } expiry)
        {
            next = Math.Min(next, expiry);
        }

        if (listening)
        {
            var check = now + (eager ? EagerInterestCheckNanos : InterestCheckNanos);
            _nextInterestCheck = _nextInterestCheck == 0 ? check : Math.Min(_nextInterestCheck, check);
            next = Math.Min(next, _nextInterestCheck);
        }

        if (_unsynced && !host.SyncAlways)
        {
            _nextSync = _nextSync == 0 ? now + (host.SyncInterval.Ticks * 100) : _nextSync;
            next = Math.Min(next, _nextSync);
        }

        if (_positionsChanged && Persisted)
        {
            next = Math.Min(next, Math.Max(_nextSnapshotAt, now));
        }

        // Re-arm only for something earlier, or when the armed time has passed.
        if (next == long.MaxValue || (next >= _armedFor && _armedFor > now))
        {
            return;
        }

        _armedFor = next;
        var due = TimeSpan.FromTicks(Math.Max(0, next - now) / 100);
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        _armedFor = long.MaxValue;
        if (_store is not { } store)
        {
            return;
        }

        var now = UnixNanos.Now(time);
        if (store.Expire(now) > 0)
        {
            _unflushed = true;
        }

        foreach (var consumer in _consumers.Values.ToList())
        {
            consumer.Tick(now, _outputs);
            if (consumer.IsInactive(now))
            {
                await RemoveConsumerAsync(consumer, now);
            }
        }

        if (_nextInterestCheck != 0 && now >= _nextInterestCheck)
        {
            _nextInterestCheck = 0;
            await CheckInterestAsync(now);
        }

        if (_nextSync != 0 && now >= _nextSync)
        {
            _nextSync = 0;
            _syncDue = _unsynced;
        }

        ApplyRetention();
        SendOutputs();
        if (_unflushed || _syncDue)
        {
            RequestFlush();
        }
        else
        {
            await WriteSnapshotsAsync(all: false);
        }

        Reschedule();
    }

    /// Push consumers learn whether their deliver subject has listeners; pulls whose reply
    /// subject lost its listeners leave the queue.
    private async Task CheckInterestAsync(long now)
    {
        var subjects = new List<string>();
        foreach (var consumer in _consumers.Values)
        {
            if (consumer.Config.IsPush)
            {
                subjects.Add(PushInterestKey(consumer.Config));
            }

            consumer.CollectWaitingReplies(subjects);
        }

        if (subjects.Count == 0)
        {
            return;
        }

        var interest = await InterestAsync([.. subjects.Distinct(StringComparer.Ordinal)]);
        var answers = subjects.Distinct(StringComparer.Ordinal).Zip(interest).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        foreach (var consumer in _consumers.Values)
        {
            if (consumer.Config.IsPush)
            {
                consumer.SetPushInterest(answers[PushInterestKey(consumer.Config)], now, _outputs);
            }

            var replies = new List<string>();
            consumer.CollectWaitingReplies(replies);
            foreach (var reply in replies)
            {
                if (answers.TryGetValue(reply, out var listened) && !listened)
                {
                    consumer.DropPull(reply);
                }
            }
        }
    }

    /// Asks the delivering gateway which subjects have subscribers in the account; without one,
    /// nobody does. A gateway that does not answer counts as "still listening" so nothing is
    /// dropped on a hiccup.
    private async Task<bool[]> InterestAsync(string[] subjects)
    {
        if (_gateway is not { } gateway)
        {
            return new bool[subjects.Length];
        }

        try
        {
            return await gateway.Observer.HasInterest(_account, subjects).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e)
        {
            LogInterestFailed(logger, _account, _stream, e.GetType().Name);
            return [.. subjects.Select(_ => true)];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Account} stream {Stream}: the gateway did not say who listens ({Error})")]
    private static partial void LogInterestFailed(ILogger logger, string account, string stream, string error);
}
