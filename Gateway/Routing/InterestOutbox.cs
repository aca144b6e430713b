using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;

namespace Natrium.Gateway.Routing;

/// Interest changes of this gateway waiting to reach one shard grain. Changes are absolute
/// counts, so a newer one replaces an older one for the same key; one call is in flight at a
/// time and takes everything queued meanwhile. Each enqueue returns the task of the call that
/// will carry it: a client's PING waits on it so its PONG means "the cluster knows my SUBs".
internal sealed partial class InterestOutbox(ISubjectShardGrain shard, string gatewayId, Func<Task> reattach, ILogger logger)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly object _sync = new();
    private readonly Dictionary<(string Subject, string Queue), int> _queued = new();
    private readonly Dictionary<(string Subject, string Queue), int> _lastSent = new();
    private TaskCompletionSource _nextCall = NewCall();
    private bool _flushing;

    /// Queues one absolute count; returns null when the shard already has that value.
    public Task? Enqueue(string subject, string queue, int count)
    {
        lock (_sync)
        {
            var key = (subject, queue);
            var sent = _lastSent.GetValueOrDefault(key);
            if (!_queued.ContainsKey(key) && sent == count)
            {
                return null;
            }

            _queued[key] = count;
            if (!_flushing)
            {
                _flushing = true;
                _ = Task.Run(FlushLoopAsync);
            }

            return _nextCall.Task;
        }
    }

    /// After a re-attach the shard knows nothing of us: queue everything we ever sent again.
    public void ResendAll()
    {
        lock (_sync)
        {
            foreach (var (key, count) in _lastSent)
            {
                _queued.TryAdd(key, count);
            }

            _lastSent.Clear();
            if (!_flushing && _queued.Count > 0)
            {
                _flushing = true;
                _ = Task.Run(FlushLoopAsync);
            }
        }
    }

    private async Task FlushLoopAsync()
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            InterestEntry[] entries;
            TaskCompletionSource call;
            lock (_sync)
            {
                if (_queued.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                entries = _queued.Select(kv => new InterestEntry(kv.Key.Subject, kv.Key.Queue, kv.Value)).ToArray();
                _queued.Clear();
                call = _nextCall;
                _nextCall = NewCall();
            }

            try
            {
                if (!await shard.SetInterest(gatewayId, entries))
                {
                    Requeue(entries, call);
                    await reattach();
                    continue;
                }

                Sent(entries);
                call.TrySetResult();
                delay = TimeSpan.FromMilliseconds(50);
            }
            catch (Exception e)
            {
                // Keep the changes (newer ones win) and try again: interest must not be lost.
                LogRetry(logger, shard.GetPrimaryKeyString(), e.Message);
                Requeue(entries, call);
                await Task.Delay(delay);
                delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
            }
        }
    }

    private void Sent(InterestEntry[] entries)
    {
        lock (_sync)
        {
            foreach (var e in entries)
            {
                if (e.Count == 0)
                {
                    _lastSent.Remove((e.Subject, e.Queue));
                }
                else
                {
                    _lastSent[(e.Subject, e.Queue)] = e.Count;
                }
            }
        }
    }

    private void Requeue(InterestEntry[] entries, TaskCompletionSource failedCall)
    {
        lock (_sync)
        {
            foreach (var e in entries)
            {
                _queued.TryAdd((e.Subject, e.Queue), e.Count);
            }

            // Whoever waited on the failed call now waits on the retry.
            var next = _nextCall;
            _ = next.Task.ContinueWith(_ => failedCall.TrySetResult(), TaskScheduler.Default);
        }
    }

    private static TaskCompletionSource NewCall() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interest update to shard {Shard} failed, retrying: {Reason}")]
    private static partial void LogRetry(ILogger logger, string shard, string reason);
}
