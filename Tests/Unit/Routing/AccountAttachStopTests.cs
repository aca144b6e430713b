using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;
using Natrium.Gateway.Routing;

namespace Natrium.Tests.Unit.Routing;

/// An account's attach retries while its account grain cannot be reached (a node loss), and
/// a login waits for it; a gateway that stops must end those retries, or a process hosting
/// more than that gateway keeps calling grains for it forever.
public sealed class AccountAttachStopTests
{
    [Fact]
    public async Task A_stopping_gateway_ends_an_attach_that_retries_an_unreachable_account_grain()
    {
        var grains = DispatchProxy.Create<IGrainFactory, UnreachableGrains>();
        var calls = (UnreachableGrains)grains;
        using var stopping = new CancellationTokenSource();
        var table = new RoutingTable(new GatewayRef("gw", null!), grains, new ServiceReplyTable(), NullLogger.Instance, stopping.Token);

        var attach = table.GetAsync("A");
        await calls.FailedThreeTimes.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(attach.IsCompleted);

        stopping.Cancel();
        var ended = await Task.WhenAny(attach, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(attach, ended);
        // The retry loop is that task: ended, it calls no grain again.
        Assert.True(attach.IsCanceled || attach.IsFaulted);
    }

    /// A grain factory whose every grain call fails, as when the grain's silo is gone.
    public class UnreachableGrains : DispatchProxy
    {
        private int _failed;

        public TaskCompletionSource FailedThreeTimes { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.ReturnType.IsInterface && method.Name == nameof(IGrainFactory.GetGrain))
            {
                var grain = (UnreachableGrains)typeof(DispatchProxy).GetMethod(nameof(DispatchProxy.Create), 2, Type.EmptyTypes)!
                    .MakeGenericMethod(method.ReturnType, typeof(UnreachableGrains)).Invoke(null, null)!;
                grain.Owner = this;
                return grain;
            }

            if (Owner is { } owner && Interlocked.Increment(ref owner._failed) == 3)
            {
                owner.FailedThreeTimes.TrySetResult();
            }

            var error = new TimeoutException("the grain's silo is gone");
            var returns = method.ReturnType;
            if (returns == typeof(Task))
            {
                return Task.FromException(error);
            }

            if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
            {
                return typeof(Task).GetMethods().Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethod)
                    .MakeGenericMethod(returns.GetGenericArguments()[0]).Invoke(null, [error]);
            }

            throw error;
        }

        private UnreachableGrains? Owner { get; set; }
    }
}
