using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using Natrium.Contracts.Interfaces;
using Natrium.Contracts.Subjects;
using Natrium.Tests.TestKit;
using Orleans.Core.Internal;

namespace Natrium.Tests.Integration.Accounts;

/// A shard grain starts only when a gateway has interest in it; the gateways that take part in
/// the account's interest learn of it either from the account grain (it had started when they
/// attached) or from the shard itself (it started after, and the account grain gave it their
/// names). Whichever came first, a subscriber's PONG means a publisher on the other gateway
/// reaches it with its very next message: these tests publish once, never again.
public sealed partial class AccountAttachTests
{
    [Fact]
    public async Task A_SUB_starts_only_the_shard_of_its_subject()
    {
        var (client, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var _ = client;
        await client.SendAsync("CONNECT {\"user\":\"w\",\"pass\":\"pw\",\"verbose\":false}\r\nSUB w.one 1\r\nPING\r\n");
        await client.ExpectLineAsync("PONG");

        Assert.Equal([SubjectShards.GrainKey("W", SubjectShards.ShardOf("w.one"u8))], await ShardActivationsOf(broker, "W"));
    }

    [Fact]
    public async Task A_shard_that_starts_after_the_other_gateway_attached_pushes_to_it()
    {
        // B attaches X while no shard of X has started: nothing tells B of the shard but the
        // shard, which learns of B from the account grain when it starts.
        // (NATS.Net subscribes to its inbox at connect: a subject in another shard.)
        var subject = SubjectOutsideShardOf("_INBOX", "late");
        await using var publisher = await broker.ConnectAsAsync("x", toB: true);
        await publisher.PingAsync();
        Assert.DoesNotContain(SubjectShards.GrainKey("X", SubjectShards.ShardOf(System.Text.Encoding.ASCII.GetBytes(subject))), await ShardActivationsOf(broker, "X"));

        await using var subscriber = await broker.ConnectAsAsync("x");
        await using var sub = await subscriber.SubscribeCoreAsync<string>(subject);
        await subscriber.PingAsync();

        await PublishOnceAsync(publisher, subject, "pushed");
        Assert.Equal("pushed", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
    }

    [Fact]
    public async Task A_shard_holds_a_gateway_it_only_learned_of_as_a_listener_until_that_gateway_attaches()
    {
        // B takes part in L's interest before the shard starts, so the shard knows B only as a
        // gateway to push to: it holds none of B's interest. An update from B (a shard that
        // started again without telling B looks the same to B) must make B attach with all of it.
        await using var onB = await broker.ConnectAsAsync("l", toB: true);
        await onB.PingAsync();
        await using var onA = await broker.ConnectAsAsync("l");
        var subject = SubjectOutsideShardOf("_INBOX", "listened");
        await using var sub = await onA.SubscribeCoreAsync<string>(subject);
        await onA.PingAsync();

        var shard = broker.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<ISubjectShardGrain>(SubjectShards.GrainKey("L", SubjectShards.ShardOf(System.Text.Encoding.ASCII.GetBytes(subject))));

        // Nor does an attach's answer name B among the gateways whose interest it states in full:
        // A would drop what it holds from B (after a node loss, B's subscribers until B attached).
        var answer = await shard.Attach(broker.A.Self, [new Contracts.Messages.InterestEntry(subject, string.Empty, 1)]);
        Assert.DoesNotContain(answer.Gateways, g => g.Id == broker.B.Self.Id);

        Assert.False(await shard.SetInterest(broker.B.Self.Id, [new Contracts.Messages.InterestEntry(subject + ".b", string.Empty, 1)]));
        Assert.True(await shard.SetInterest(broker.A.Self.Id, [new Contracts.Messages.InterestEntry(subject + ".a", string.Empty, 1)]));
    }

    [Fact]
    public async Task A_gateway_that_attaches_after_a_shard_started_joins_it()
    {
        await using var subscriber = await broker.ConnectAsAsync("y");
        await using var sub = await subscriber.SubscribeCoreAsync<string>("y.early");
        await subscriber.PingAsync();
        Assert.Single(await ShardActivationsOf(broker, "Y"));

        await using var publisher = await broker.ConnectAsAsync("y", toB: true);
        await PublishOnceAsync(publisher, "y.early", "joined");
        Assert.Equal("joined", (await sub.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
    }

    [Fact]
    public async Task A_login_racing_the_start_of_a_shard_on_the_other_gateway_misses_no_message()
    {
        // Each account's shard starts (a SUB on A) while B's login attaches the account: the
        // account grain answers one of them first, and either way B must hear of A's SUB.
        foreach (var account in AccountAttachFixture.LazyShardAccounts.Where(a => a.StartsWith("RACE", StringComparison.Ordinal)))
        {
            var user = account.ToLowerInvariant();
            var subject = $"{user}.raced";
            var subscribing = Task.Run(async () =>
            {
                var connection = await broker.ConnectAsAsync(user);
                var sub = await connection.SubscribeCoreAsync<string>(subject);
                await connection.PingAsync();
                return (connection, sub);
            });
            var publishing = Task.Run(() => broker.ConnectAsAsync(user, toB: true));
            var (subscriber, subscription) = await subscribing;
            await using var _ = subscriber;
            await using var publisher = await publishing;

            await PublishOnceAsync(publisher, subject, account);
            var received = await subscription.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
            Assert.Equal(account, received.Data);
            await subscription.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_the_account_grain_starts_again_empty_a_new_shard_still_reaches_every_gateway()
    {
        await using var onA = await broker.ConnectAsAsync("z");
        await using var first = await onA.SubscribeCoreAsync<string>("z.first");
        await onA.PingAsync();
        await using var onB = await broker.ConnectAsAsync("z", toB: true);
        await onB.PingAsync();

        // Ended without a handover: the next activation knows no gateway and no started shard
        // until the gateways restate them.
        var grains = broker.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IAccountGrain>("Z").Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // A subject in a shard of Z that has not started yet.
        var subject = Enumerable.Range(0, 100).Select(i => $"z{i}.second").First(s =>
            SubjectShards.ShardOf(System.Text.Encoding.ASCII.GetBytes(s)) is var shard && shard != SubjectShards.ShardOf("z.first"u8) && shard != SubjectShards.ShardOf("_INBOX"u8));
        await using var second = await onA.SubscribeCoreAsync<string>(subject);
        await onA.PingAsync();

        await RepublishUntilReceived.ReceiveAsync(onB, second, subject, "after the restart", Timeout);
        await RepublishUntilReceived.ReceiveAsync(onB, first, "z.first", "first shard still known", Timeout);
    }

    // A subject whose shard is not the one of the given first token.
    private static string SubjectOutsideShardOf(string firstToken, string suffix) =>
        Enumerable.Range(0, 100).Select(i => $"s{i}.{suffix}")
            .First(s => SubjectShards.ShardOf(System.Text.Encoding.ASCII.GetBytes(s)) != SubjectShards.ShardOf(System.Text.Encoding.ASCII.GetBytes(firstToken)));

    private static async Task PublishOnceAsync(NatsConnection publisher, string subject, string payload)
    {
        await publisher.PublishAsync(subject, payload);
        await publisher.PingAsync();
    }
}
