using Microsoft.Extensions.Logging.Abstractions;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Messages;
using Natrium.Gateway.Routing;

namespace Natrium.Tests.Unit.Routing;

/// The outbox sends absolute counts; a change made while another call is in flight must reach
/// the shard even when it restores the value the shard had before that call.
public sealed class InterestOutboxTests
{
    [Fact]
    public async Task A_sub_made_while_its_unsub_is_in_flight_reaches_the_shard()
    {
        var shard = new FakeShard();
        var outbox = new InterestOutbox(shard, "gw", _ => Task.CompletedTask, NullLogger.Instance);
        await outbox.Enqueue("orders", string.Empty, 1)!;

        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        shard.Hold = hold;
        var unsub = outbox.Enqueue("orders", string.Empty, 0)!;
        await shard.Entered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var resub = outbox.Enqueue("orders", string.Empty, 1);
        Assert.NotNull(resub);
        hold.SetResult();
        await unsub.WaitAsync(TimeSpan.FromSeconds(5));
        await resub!.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, shard.Counts[("orders", string.Empty)]);
    }

    private sealed class FakeShard : ISubjectShardGrain
    {
        public TaskCompletionSource? Hold { get; set; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Dictionary<(string, string), int> Counts { get; } = new();

        public async Task<bool> SetInterest(string gatewayId, InterestEntry[] entries)
        {
            if (Hold is { } hold)
            {
                Hold = null;
                Entered.TrySetResult();
                await hold.Task;
            }

            foreach (var e in entries)
            {
                Counts[(e.Subject, e.Queue)] = e.Count;
            }

            return true;
        }

        public Task<ShardAttachment> Attach(GatewayRef gateway, InterestEntry[] interest) => Task.FromResult(new ShardAttachment([], []));

        public Task Detach(string gatewayId) => Task.CompletedTask;

        public Task ForgetSilo(string silo) => Task.CompletedTask;
    }
}
