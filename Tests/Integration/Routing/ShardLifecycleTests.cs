using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Subjects;
using Natrium.Tests.TestKit;
using Orleans.Core.Internal;

namespace Natrium.Tests.Integration.Routing;

/// A subject-shard grain's activation ending must not cut gateways off from each other's
/// interest: left idle it is not collected (a new activation would know only the gateways
/// that call it next), and when Orleans ends it for another reason (a duplicate activation
/// found after a membership change, memory pressure, a silo shutting down) every gateway it
/// knew attaches to the next activation. Its own host: these tests end grain activations.
public sealed class ShardLifecycleTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private IGrainFactory Grains => broker.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_shard_left_idle_keeps_every_gateway_it_knew()
    {
        await using var a = await broker.ConnectAsync();
        await using var b = await broker.ConnectAsync(toB: true);
        await using var onB = await b.SubscribeCoreAsync<string>("idle.subject");
        await b.PingAsync();

        // Everything idle for any time at all is collected (KeepAlive grains excepted).
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // A's SUB reaches the shard; its PONG means B has heard of it.
        await using var onA = await a.SubscribeCoreAsync<string>("idle.subject");
        await a.PingAsync();
        await b.PublishAsync("idle.subject", "after collection");
        await b.PingAsync();

        Assert.Equal("after collection", (await onA.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
        Assert.Equal("after collection", (await onB.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
    }

    [Fact]
    public async Task A_shard_ended_for_another_reason_sends_its_gateways_to_the_next_activation()
    {
        await using var a = await broker.ConnectAsync();
        await using var b = await broker.ConnectAsync(toB: true);
        await using var onB = await b.SubscribeCoreAsync<string>("ended.subject");
        await b.PingAsync();

        var shard = SubjectShards.ShardOf("ended.subject"u8);
        var grain = Grains.GetGrain<ISubjectShardGrain>(SubjectShards.GrainKey("$G", shard));
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // A attaches to the next activation; B, which is not told by any call of its own,
        // must attach to it as well or it never hears of A's subscription.
        await using var onA = await a.SubscribeCoreAsync<string>("ended.subject");
        await a.PingAsync();
        await RepublishUntilReceived.ReceiveAsync(b, onA, "ended.subject", "after the shard ended", Timeout);

        // And B's own subscription is known to the next activation too: A's publishes reach it.
        await RepublishUntilReceived.ReceiveAsync(a, onB, "ended.subject", "from A", Timeout);
    }
}
