using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Routing;

/// Two gateways in one silo: interest travels through the subject-shard grains and messages
/// through batched observer calls, so every case here crosses the cluster for real.
public sealed class CrossGatewayTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Publish_on_A_reaches_subscriber_on_B_exactly_once_after_ping()
    {
        await using var a = await broker.ConnectAsync();
        await using var b = await broker.ConnectAsync(toB: true);
        await using var sub = await b.SubscribeCoreAsync<int>("x.once");
        // PONG from B means the cluster knows the SUB: flush-then-publish holds across gateways.
        await b.PingAsync();
        await a.PublishAsync("x.once", 1);
        var msg = await sub.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(1, msg.Data);
        await a.PublishAsync("x.once", 2);
        Assert.Equal(2, (await sub.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
        Assert.False(sub.Msgs.TryRead(out _));
    }

    [Fact]
    public async Task Many_messages_cross_in_order_without_loss()
    {
        await using var a = await broker.ConnectAsync();

        // The client must not drop messages itself when the test reads slower than they come.
        await using var b = await broker.ConnectAsync(toB: true, o => o with { SubPendingChannelFullMode = System.Threading.Channels.BoundedChannelFullMode.Wait });
        await using var sub = await b.SubscribeCoreAsync<int>("x.order");
        await b.PingAsync();
        const int total = 20_000;
        for (var i = 0; i < total; i++)
        {
            await a.PublishAsync("x.order", i);
        }

        for (var i = 0; i < total; i++)
        {
            var msg = await sub.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
            Assert.Equal(i, msg.Data);
        }
    }

    [Fact]
    public async Task Queue_group_on_both_gateways_delivers_each_message_once_in_total()
    {
        await using var a = await broker.ConnectAsync();
        await using var b = await broker.ConnectAsync(toB: true);
        await using var onA = await a.SubscribeCoreAsync<int>("x.queue", queueGroup: "q");
        await using var onB1 = await b.SubscribeCoreAsync<int>("x.queue", queueGroup: "q");
        await using var onB2 = await b.SubscribeCoreAsync<int>("x.queue", queueGroup: "q");
        await using var watcher = await a.SubscribeCoreAsync<int>("x.queue");
        await a.PingAsync();
        await b.PingAsync();
        const int total = 600;
        for (var i = 0; i < total; i++)
        {
            await a.PublishAsync("x.queue", i);
        }

        for (var i = 0; i < total; i++)
        {
            await watcher.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        }

        var seen = new HashSet<int>();
        var perMember = new int[3];
        var members = new[] { onA, onB1, onB2 };
        await Eventually.TrueAsync(
            () =>
            {
                for (var m = 0; m < members.Length; m++)
                {
                    while (members[m].Msgs.TryRead(out var msg))
                    {
                        Assert.True(seen.Add(msg.Data), $"message {msg.Data} was delivered twice");
                        perMember[m]++;
                    }
                }

                return seen.Count == total;
            },
            $"all {total} queue messages delivered once",
            () => $"{seen.Count} delivered: {string.Join('/', perMember)}");

        await a.PingAsync();
        await b.PingAsync();
        Assert.All(members, m => Assert.False(m.Msgs.TryRead(out _)));
        // Weighted by members: one on A, two on B; each gets a fair share.
        Assert.All(perMember, n => Assert.InRange(n, 100, 320));
    }

    [Fact]
    public async Task Unsubscribe_on_B_stops_delivery_from_A()
    {
        await using var a = await broker.ConnectAsync();
        await using var b = await broker.ConnectAsync(toB: true);
        var sub = await b.SubscribeCoreAsync<int>("x.unsub");
        await using var control = await a.SubscribeCoreAsync<int>("x.unsub");
        await b.PingAsync();
        await a.PingAsync();
        await a.PublishAsync("x.unsub", 1);
        Assert.Equal(1, (await sub.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
        await sub.UnsubscribeAsync();
        await b.PingAsync();
        await a.PublishAsync("x.unsub", 2);
        await a.PublishAsync("x.unsub", 3);
        await control.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        await control.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        await control.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        await a.PingAsync();
        await b.PingAsync();
        Assert.False(sub.Msgs.TryRead(out _));
    }

    [Fact]
    public async Task Request_on_A_is_answered_by_responder_on_B()
    {
        await using var a = await broker.ConnectAsync();
        await using var b = await broker.ConnectAsync(toB: true);
        await using var service = await b.SubscribeCoreAsync<string>("x.service");
        await b.PingAsync();
        var serving = Task.Run(async () =>
        {
            var request = await service.Msgs.ReadAsync();
            await request.ReplyAsync("from B: " + request.Data);
        });

        var reply = await a.RequestAsync<string, string>("x.service", "hi").AsTask().WaitAsync(Timeout);
        Assert.Equal("from B: hi", reply.Data);
        await serving.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Closed_client_on_B_withdraws_its_interest_from_A()
    {
        await using var a = await broker.ConnectAsync();
        var b = await broker.ConnectAsync(toB: true);
        await using (var sub = await b.SubscribeCoreAsync<int>("x.gone"))
        {
            await b.PingAsync();
        }

        await b.DisposeAsync();
        // A request now finds no responder anywhere: B's interest is gone from A's cache.
        await Eventually.TrueAsync(
            () => HasNoRespondersAsync(a, "x.gone"),
            "a request to a subject whose only subscriber left gets no-responders");
    }

    internal static async Task<bool> HasNoRespondersAsync(NatsConnection nc, string subject)
    {
        try
        {
            await nc.RequestAsync<int, int>(subject, 1, replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(1) });
            return false;
        }
        catch (NatsNoRespondersException)
        {
            return true;
        }
        catch (NatsNoReplyException)
        {
            return false;
        }
    }
}
