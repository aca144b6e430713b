using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cluster;

/// Three nodes behave as one NATS server to clients: what is published on one node reaches
/// subscribers on the others, a queue group gets each message once cluster-wide, requests are
/// answered across nodes, accounts stay apart on every node, and imports, exports and
/// permissions hold whichever node a client uses.
[Collection("cluster")]
public sealed class ClusterMessagingTests(ClusterFixture cluster)
{
    // As the other cluster tests: three nodes share two cores with the rest of the suite, and a
    // gateway a shard dropped for a slow push re-attaches (OnShardDropped) within seconds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_subscriber_on_one_node_gets_what_is_published_on_another()
    {
        await using var subscriber = await cluster.ConnectAsync(0, "a");
        await using var publisher = await cluster.ConnectAsync(2, "a");
        await using var sub = await subscriber.SubscribeCoreAsync<string>("cross.node");
        await subscriber.PingAsync();

        // Interest reaches the other node through the shard grains; the first publishes may race it.
        using var cts = new CancellationTokenSource(Patience);
        var received = Task.Run(async () => (await sub.Msgs.ReadAsync(cts.Token)).Data);
        while (!received.IsCompleted && !cts.IsCancellationRequested)
        {
            await publisher.PublishAsync("cross.node", "from node 2");
            await Task.WhenAny(received, Task.Delay(50, cts.Token));
        }

        Assert.Equal("from node 2", await received);
    }

    [Fact]
    public async Task Messages_smaller_and_larger_than_a_batch_chunk_cross_nodes_whole_and_in_order()
    {
        // Gateways send 64 KiB chunks per call (RemoteGatewayLink); a bigger message goes alone.
        int[] sizes = [16, 70_000, 16, 16, 300_000, 1_000, 65_536, 16];
        await using var subscriber = await cluster.ConnectAsync(1, "a");
        await using var publisher = await cluster.ConnectAsync(0, "a");
        await using var sub = await subscriber.SubscribeCoreAsync<byte[]>("cross.sizes");
        await subscriber.PingAsync();

        using var cts = new CancellationTokenSource(Patience);
        var first = Task.Run(async () => await sub.Msgs.ReadAsync(cts.Token));
        while (!first.IsCompleted && !cts.IsCancellationRequested)
        {
            await publisher.PublishAsync("cross.sizes", new byte[] { 0xFF });
            await Task.WhenAny(first, Task.Delay(50, cts.Token));
        }

        await first;
        const int Rounds = 20;
        for (var i = 0; i < Rounds * sizes.Length; i++)
        {
            var body = new byte[sizes[i % sizes.Length]];
            BitConverter.TryWriteBytes(body, i);
            body[^1] = (byte)i;
            await publisher.PublishAsync("cross.sizes", body);
        }

        for (var i = 0; i < Rounds * sizes.Length; i++)
        {
            byte[] body;
            do
            {
                body = (await sub.Msgs.ReadAsync(cts.Token)).Data!;
            }
            while (body.Length == 1 && i == 0); // probes still in flight

            Assert.Equal(sizes[i % sizes.Length], body.Length);
            Assert.Equal(i, BitConverter.ToInt32(body));
            Assert.Equal((byte)i, body[^1]);
        }
    }

    [Fact]
    public async Task A_queue_group_spread_over_the_nodes_gets_each_message_once()
    {
        var members = new List<(NatsConnection Connection, INatsSub<int> Sub)>();
        for (var node = 0; node < ClusterFixture.Size; node++)
        {
            var nc = await cluster.ConnectAsync(node, "a");
            members.Add((nc, await nc.SubscribeCoreAsync<int>("work.items", queueGroup: "workers")));
            await nc.PingAsync();
        }

        try
        {
            await using var publisher = await cluster.ConnectAsync(1, "a");
            await WaitForInterestAsync(publisher, members[0].Connection, members[2].Connection);
            const int Count = 300;
            for (var i = 0; i < Count; i++)
            {
                await publisher.PublishAsync("work.items", i);
            }

            await publisher.PingAsync();
            var seen = new List<int>();
            using var cts = new CancellationTokenSource(Patience);
            while (seen.Count < Count)
            {
                foreach (var (_, sub) in members)
                {
                    while (sub.Msgs.TryRead(out var msg))
                    {
                        seen.Add(msg.Data);
                    }
                }

                await Task.Delay(10, cts.Token);
            }

            // A moment more for any duplicate to show, then exactly once each.
            await Task.Delay(200);
            foreach (var (_, sub) in members)
            {
                while (sub.Msgs.TryRead(out var msg))
                {
                    seen.Add(msg.Data);
                }
            }

            Assert.Equal(Enumerable.Range(0, Count), seen.Order());
        }
        finally
        {
            foreach (var (nc, sub) in members)
            {
                await sub.DisposeAsync();
                await nc.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_request_on_one_node_is_answered_by_a_service_on_another()
    {
        await using var service = await cluster.ConnectAsync(2, "a");
        await using var requester = await cluster.ConnectAsync(0, "a");
        await using var sub = await service.SubscribeCoreAsync<string>("svc.echo");
        await service.PingAsync();
        var responder = Task.Run(async () =>
        {
            await foreach (var msg in sub.Msgs.ReadAllAsync())
            {
                await msg.ReplyAsync("echo: " + msg.Data);
            }
        });

        Assert.Equal("echo: hi", await RequestOnceAnsweredAsync(requester, "svc.echo", "hi"));
    }

    [Fact]
    public async Task Accounts_stay_apart_across_nodes()
    {
        await using var tenantB = await cluster.ConnectAsync(0, "b");
        await using var tenantA = await cluster.ConnectAsync(1, "a");
        await using var subB = await tenantB.SubscribeCoreAsync<string>("secret.>");
        await using var subA = await tenantA.SubscribeCoreAsync<string>("secret.>");
        await tenantB.PingAsync();
        await tenantA.PingAsync();
        await using var publisherA = await cluster.ConnectAsync(2, "a");

        using var cts = new CancellationTokenSource(Patience);
        var receivedByA = Task.Run(async () => (await subA.Msgs.ReadAsync(cts.Token)).Data);
        while (!receivedByA.IsCompleted && !cts.IsCancellationRequested)
        {
            await publisherA.PublishAsync("secret.a", "for A only");
            await Task.WhenAny(receivedByA, Task.Delay(50, cts.Token));
        }

        Assert.Equal("for A only", await receivedByA);
        await publisherA.PingAsync();
        await tenantB.PingAsync();
        Assert.False(subB.Msgs.TryRead(out _), "account B got a message published in account A");
    }

    [Fact]
    public async Task Imports_exports_and_permissions_hold_whichever_node_a_client_uses()
    {
        await using var exporter = await cluster.ConnectAsync(2, "a");
        await using var importer = await cluster.ConnectAsync(0, "b");
        await using var quotes = await exporter.SubscribeCoreAsync<string>("quote.>");
        var service = Task.Run(async () =>
        {
            await foreach (var msg in quotes.Msgs.ReadAllAsync())
            {
                await msg.ReplyAsync("price of " + msg.Subject);
            }
        });
        await using var feed = await importer.SubscribeCoreAsync<string>("feed.>");
        await exporter.PingAsync();
        await importer.PingAsync();

        // A stream export published on node 2 reaches the importing account on node 0.
        using (var cts = new CancellationTokenSource(Patience))
        {
            var received = Task.Run(async () => (await feed.Msgs.ReadAsync(cts.Token)).Data);
            while (!received.IsCompleted && !cts.IsCancellationRequested)
            {
                await exporter.PublishAsync("feed.news", "headline");
                await Task.WhenAny(received, Task.Delay(50, cts.Token));
            }

            Assert.Equal("headline", await received);
        }

        // A service import requested on node 1 is answered by the exporter's service on node 2.
        await using var caller = await cluster.ConnectAsync(1, "b");
        Assert.Equal("price of quote.acme", await RequestOnceAnsweredAsync(caller, "quote.acme", "?"));

        // A user limited to allowed.> on node 1: refused elsewhere, delivered across nodes there.
        var (limited, _) = await RawClient.ConnectAsync(new Uri(cluster.Nodes[1].Url).Port);
        await using var limitedClient = limited;
        await limited.SendAsync("CONNECT {\"user\":\"ap\",\"pass\":\"ap\",\"verbose\":false}\r\nPUB denied.x 1\r\nx\r\n");
        await limited.ExpectAsync("-ERR 'Permissions Violation for Publish to \"denied.x\"'\r\n");
        await using var allowed = await exporter.SubscribeCoreAsync<string>("allowed.x");
        await exporter.PingAsync();
        using (var cts = new CancellationTokenSource(Patience))
        {
            var received = Task.Run(async () => (await allowed.Msgs.ReadAsync(cts.Token)).Data);
            while (!received.IsCompleted && !cts.IsCancellationRequested)
            {
                await limited.SendAsync("PUB allowed.x 2\r\nok\r\n");
                await Task.WhenAny(received, Task.Delay(50, cts.Token));
            }

            Assert.Equal("ok", await received);
        }
    }

    // Until the service's interest (and, for an import, its reply route) has reached the
    // requester's node, within patience.
    private static async Task<string?> RequestOnceAnsweredAsync(NatsConnection requester, string subject, string body)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return (await requester.RequestAsync<string, string>(subject, body, replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(2) })).Data;
            }
            // No responders, or no reply yet: the import's reply route is still crossing nodes.
            catch (Exception e) when (e is NatsNoRespondersException or NatsNoReplyException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    // Publishes probes until both far connections see one: the group's interest is known everywhere.
    private static async Task WaitForInterestAsync(NatsConnection publisher, params NatsConnection[] far)
    {
        foreach (var nc in far)
        {
            var inbox = "probe." + Guid.NewGuid().ToString("N");
            await using var probe = await nc.SubscribeCoreAsync<string>(inbox);
            await nc.PingAsync();
            using var cts = new CancellationTokenSource(Patience);
            var got = Task.Run(async () => await probe.Msgs.ReadAsync(cts.Token));
            while (!got.IsCompleted && !cts.IsCancellationRequested)
            {
                await publisher.PublishAsync(inbox, "probe");
                await Task.WhenAny(got, Task.Delay(50, cts.Token));
            }

            await got;
        }
    }
}
