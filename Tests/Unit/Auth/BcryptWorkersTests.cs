using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Auth;

namespace Natrium.Tests.Unit.Auth;

public sealed class BcryptWorkersTests
{
    private static readonly AuthResult Ok = AuthResult.Success(new UserConfig("u", null, null, AccountNames.Global, null, []), AuthMethod.UserPassword);

    [Fact]
    public async Task Work_runs_on_a_dedicated_thread_not_the_pool()
    {
        using var workers = new BcryptWorkers(1);
        (bool Pool, string? Name) seen = default;
        var result = await workers.RunAsync(() =>
        {
            seen = (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name);
            return Ok;
        }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(Ok, result);
        Assert.Equal((false, "natrium-bcrypt"), seen);
    }

    [Fact]
    public async Task A_login_abandoned_while_queued_is_never_checked()
    {
        using var workers = new BcryptWorkers(1);
        using var busy = new ManualResetEventSlim();
        var first = workers.RunAsync(() =>
        {
            busy.Wait(TimeSpan.FromSeconds(10));
            return Ok;
        }, CancellationToken.None);
        using var gone = new CancellationTokenSource();
        var ran = false;
        var second = workers.RunAsync(() =>
        {
            ran = true;
            return Ok;
        }, gone.Token);

        gone.Cancel();
        busy.Set();
        Assert.Same(Ok, await first.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(ran);
    }

    [Fact]
    public async Task After_dispose_logins_are_cancelled_not_lost_in_a_queue()
    {
        var workers = new BcryptWorkers(1);
        workers.Dispose();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => workers.RunAsync(() => Ok, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
