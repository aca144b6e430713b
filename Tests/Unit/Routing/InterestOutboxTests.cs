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

    [Fact]
    public async Task A_parse_pass_sends_its_subs_in_one_call_when_it_ends()
    {
        var shard = new FakeShard();
        var outbox = new InterestOutbox(shard, "gw", _ => Task.CompletedTask, NullLogger.Instance);
        Task? last = null;
        InterestOutbox.DeferStarts();
        try
        {
            for (var i = 0; i < 1000; i++)
            {
                last = outbox.Enqueue($"orders.{i}", string.Empty, 1);
            }

            // Nothing leaves before the pass ends, however long it takes. (A pass is synchronous:
            // the deferral belongs to the thread, so no await may come inside it.)
            Thread.Sleep(50);
            Assert.Equal(0, shard.Calls);
        }
        finally
        {
            InterestOutbox.StartDeferred();
        }

        await last!.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, shard.Calls);
        Assert.Equal(1000, shard.Counts.Count);

        // Outside a pass, an enqueue starts its call at once.
        await outbox.Enqueue("orders.x", string.Empty, 1)!.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, shard.Calls);
    }

    private sealed class FakeShard : ISubjectShardGrain
    {
        public int Calls { get; private set; }

        public TaskCompletionSource? Hold { get; set; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Dictionary<(string, string), int> Counts { get; } = new();

        public async Task<bool> SetInterest(string gatewayId, InterestEntry[] entries)
        {
            Calls++;
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
