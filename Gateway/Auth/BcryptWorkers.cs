using System.Collections.Concurrent;

namespace Natrium.Gateway.Auth;

/// Dedicated threads for authentications that check a bcrypt secret (~100 ms of CPU each at
/// cost 11). On the thread pool, a burst of such logins would occupy every pool thread and
/// stall the reads and writes of all other clients until the pool grew; on these threads they
/// only compete for CPU, the way goroutines do in nats-server. A queued login whose connection
/// has closed meanwhile (auth timeout, client gone) is skipped, so a flood cannot pile up work.
internal sealed class BcryptWorkers : IDisposable
{
    private readonly BlockingCollection<WorkItem> _queue = new();
    private readonly Thread[] _threads;
    private long _ran;
    private long _skipped;

    public BcryptWorkers(int threads)
    {
        _threads = new Thread[Math.Max(1, threads)];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = "natrium-bcrypt" };
            _threads[i].Start();
        }
    }

    /// Checks that ran, and queued checks skipped because their connection had gone.
    public long Ran => Interlocked.Read(ref _ran);

    public long Skipped => Interlocked.Read(ref _skipped);

    /// Runs authenticate on a worker; cancelled (OperationCanceledException) when abandoned is
    /// cancelled before a worker picks it up.
    public Task<AuthResult> RunAsync(Func<AuthResult> authenticate, CancellationToken abandoned)
    {
        var item = new WorkItem(authenticate, abandoned, new TaskCompletionSource<AuthResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            _queue.Add(item);
        }
        catch (InvalidOperationException)
        {
            item.Done.TrySetCanceled(); // the gateway is stopping
        }

        return item.Done.Task;
    }

    public void Dispose() => _queue.CompleteAdding();

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            if (item.Abandoned.IsCancellationRequested)
            {
                item.Done.TrySetCanceled(item.Abandoned);
                Interlocked.Increment(ref _skipped);
                continue;
            }

            Interlocked.Increment(ref _ran);
            try
            {
                item.Done.TrySetResult(item.Authenticate());
            }
            catch (Exception e)
            {
                item.Done.TrySetException(e);
            }
        }
    }

    private sealed record WorkItem(Func<AuthResult> Authenticate, CancellationToken Abandoned, TaskCompletionSource<AuthResult> Done);
}
