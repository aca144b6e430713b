using Microsoft.Extensions.Logging;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;

namespace Natrium.Gateway.Routing;

/// Interest changes of this gateway waiting to reach one shard grain. Changes are absolute
/// counts, so a newer one replaces an older one for the same key; one call is in flight at a
/// time and takes everything queued meanwhile. Each enqueue returns the task of the call that
/// will carry it: a client's PING waits on it so its PONG means "the cluster knows my SUBs".
/// An attach (first use, a shard that forgot us, a node loss) is one of those calls and carries
/// the whole interest, so the shard never holds this gateway without its subscriptions.
internal sealed partial class InterestOutbox(ISubjectShardGrain shard, string gatewayId, Func<InterestEntry[], Task> attach, ILogger logger)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    // Set by a client's read loop around one parse pass (DeferStarts … StartDeferred): an
    // outbox its SUBs and UNSUBs fill starts its call when the pass ends, so a pass of
    // thousands of SUBs makes one call per shard. Started at once, each call took only the
    // few SUBs parsed while the previous one was in flight, and the calls' own cost was most
    // of a SUB's.
    [ThreadStatic]
    private static bool t_deferring;

    [ThreadStatic]
    private static List<InterestOutbox>? t_deferred;

    private readonly object _sync = new();
    private readonly Dictionary<(string Subject, string Queue), int> _queued = new();
    private readonly Dictionary<(string Subject, string Queue), int> _lastSent = new();
    private TaskCompletionSource _nextCall = NewCall();
    private bool _flushing;
    private bool _startDeferred;
    private bool _attachPending;

    /// From now until StartDeferred, this thread's enqueues wait for the end of the pass.
    public static void DeferStarts() => t_deferring = true;

    /// Starts the calls this thread's pass deferred. Call it in a finally: a deferral left on
    /// would hold back every later enqueue made on the thread.
    public static void StartDeferred()
    {
        t_deferring = false;
        if (t_deferred is not { Count: > 0 } deferred)
        {
            return;
        }

        foreach (var outbox in deferred)
        {
            lock (outbox._sync)
            {
                outbox._startDeferred = false;
                outbox.StartFlushLocked();
            }
        }

        deferred.Clear();
    }

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
            if (!t_deferring)
            {
                StartFlushLocked();
            }
            else if (!_flushing && !_startDeferred)
            {
                // A call in flight takes what is queued when it returns; otherwise the pass's end starts one.
                _startDeferred = true;
                (t_deferred ??= []).Add(this);
            }

            return _nextCall.Task;
        }
    }

    /// The first attach (StartAttach), for whoever must wait until the shard holds this
    /// gateway; completed for an outbox whose shard already held it when it was made.
    public Task Attached { get; private set; } = Task.CompletedTask;

    /// Makes the first call an attach (a new outbox for a shard that may not know this gateway).
    public void StartAttach() => Attached = AttachAsync();

    /// Attaches to the shard with everything this gateway has in it; completes once the shard
    /// and this gateway's view of the others agree.
    public Task AttachAsync()
    {
        lock (_sync)
        {
            _attachPending = true;
            StartFlushLocked();
            return _nextCall.Task;
        }
    }

    private void StartFlushLocked()
    {
        if (!_flushing)
        {
            _flushing = true;
            _ = Task.Run(FlushLoopAsync);
        }
    }

    private async Task FlushLoopAsync()
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            InterestEntry[] entries;
            InterestEntry[] queued;
            TaskCompletionSource call;
            bool attaching;
            lock (_sync)
            {
                if (_queued.Count == 0 && !_attachPending)
                {
                    _flushing = false;
                    return;
                }

                attaching = _attachPending;
                _attachPending = false;
                queued = [.. _queued.Select(kv => new InterestEntry(kv.Key.Subject, kv.Key.Queue, kv.Value))];
                entries = attaching ? WholeInterestLocked() : queued;
                _queued.Clear();

                // What the shard will hold once this call lands, recorded now: an Enqueue during
                // the call compares with it (comparing with the old value let an UNSUB in flight
                // swallow a SUB of the same subject). A failed call re-queues its entries.
                Record(entries, replace: attaching);
                call = _nextCall;
                _nextCall = NewCall();
            }

            try
            {
                if (attaching)
                {
                    await attach(entries);
                }
                else if (!await shard.SetInterest(gatewayId, entries))
                {
                    // The shard does not know us (it started again, or dropped us).
                    Requeue(queued, call, attach: true);
                    continue;
                }

                call.TrySetResult();
                delay = TimeSpan.FromMilliseconds(50);
            }
            catch (Exception e)
            {
                // Keep the changes (newer ones win) and try again: interest must not be lost.
                LogRetry(logger, shard.GetPrimaryKeyString(), e.Message);
                Requeue(queued, call, attaching);
                await Task.Delay(delay);
                delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
            }
        }
    }

    // What the shard should hold of us: what it has, with the queued changes applied.
    private InterestEntry[] WholeInterestLocked()
    {
        var whole = new Dictionary<(string Subject, string Queue), int>(_lastSent);
        foreach (var (key, count) in _queued)
        {
            whole[key] = count;
        }

        return [.. whole.Where(kv => kv.Value > 0).Select(kv => new InterestEntry(kv.Key.Subject, kv.Key.Queue, kv.Value))];
    }

    private void Record(InterestEntry[] entries, bool replace)
    {
        if (replace)
        {
            _lastSent.Clear();
        }

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

    private void Requeue(InterestEntry[] entries, TaskCompletionSource failedCall, bool attach)
    {
        lock (_sync)
        {
            foreach (var e in entries)
            {
                _queued.TryAdd((e.Subject, e.Queue), e.Count);
            }

            _attachPending |= attach;

            // Whoever waited on the failed call now waits on the retry.
            var next = _nextCall;
            _ = next.Task.ContinueWith(_ => failedCall.TrySetResult(), TaskScheduler.Default);
        }
    }

    private static TaskCompletionSource NewCall() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interest update to shard {Shard} failed, retrying: {Reason}")]
    private static partial void LogRetry(ILogger logger, string shard, string reason);
}
