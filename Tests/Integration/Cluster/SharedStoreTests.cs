using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;
using StackExchange.Redis;

namespace Natrium.Tests.Integration.Cluster;

/// What must outlive a node lives in the Redis the nodes share: a stream written through one node
/// is whole when that node is killed and its grains start again on a survivor, and when every
/// node is killed and the cluster starts again; what Redis holds is sealed and named by hashes,
/// so the Redis operator reads neither a stream's name nor its messages. The full resolver's
/// JWTs too: pushed through one node, they admit users on every node, after a restart as well
/// (that cluster's Redis requires a password, for membership and storage alike).
[Collection("cluster")]
public sealed class SharedStoreTests : IDisposable
{
    private const string Secret = "secret-payload";
    private const string RedisPassword = "redis-requires-this";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _storeDir = Directory.CreateTempSubdirectory("natrium-cluster-js-");

    [Fact]
    public async Task Acknowledged_messages_and_consumers_survive_a_node_loss_and_a_whole_cluster_restart()
    {
        var cluster = new ClusterFixture($$"""
            jetstream { store_dir: "{{_storeDir.FullName}}", key: "the-cluster-key" }
            accounts { A { jetstream: enabled, users: [ { user: a, password: a } ] } }
            """);
        try
        {
            await cluster.InitializeAsync();
            await using (var writer = await cluster.ConnectAsync(2, "a"))
            {
                var js = new NatsJSContext(writer);
                await js.CreateStreamAsync(new StreamConfig("ORDERS", ["orders.>"]));
                for (var i = 1; i <= 200; i++)
                {
                    (await js.PublishAsync($"orders.{i % 5}", $"{Secret}-{i}")).EnsureSuccess();
                }

                var consumer = await js.CreateOrUpdateConsumerAsync("ORDERS", new ConsumerConfig("reader") { AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = TimeSpan.FromSeconds(2) });
                Assert.Equal(Enumerable.Range(1, 50), await FetchAndAckAsync(consumer, 50));
            }

            // The node the stream was written through dies; a survivor serves it whole.
            await cluster.Nodes[2].Process.KillAsync();
            await using (var reader = await cluster.ConnectAsync(0, "a"))
            {
                var js = new NatsJSContext(reader);
                var stream = await EventuallyAsync(() => js.GetStreamAsync("ORDERS").AsTask());
                Assert.Equal((200L, 1ul, 200ul), (stream.Info.State.Messages, stream.Info.State.FirstSeq, stream.Info.State.LastSeq));
                var consumer = await EventuallyAsync(() => js.GetConsumerAsync("ORDERS", "reader").AsTask());
                var floor = (int)consumer.Info.AckFloor.StreamSeq;
                Assert.InRange(floor, 0, 50);
                Assert.Equal(Enumerable.Range(floor + 1, 60 - floor), (await FetchAndAckAsync(consumer, 60 - floor)).Order());
                for (var i = 201; i <= 250; i++)
                {
                    (await js.PublishAsync($"orders.{i % 5}", $"{Secret}-{i}")).EnsureSuccess();
                }
            }

            await cluster.RestartAllAsync();
            await using (var reader = await cluster.ConnectAsync(1, "a"))
            {
                var js = new NatsJSContext(reader);
                var stream = await EventuallyAsync(() => js.GetStreamAsync("ORDERS").AsTask());
                Assert.Equal((250L, 250ul), (stream.Info.State.Messages, stream.Info.State.LastSeq));
                var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = "orders.0" });
                Assert.Equal($"{Secret}-250", Encoding.ASCII.GetString(last.Message.Data.Span));
                var consumer = await js.GetConsumerAsync("ORDERS", "reader");
                var floor = (int)consumer.Info.AckFloor.StreamSeq;
                Assert.InRange(floor, 0, 60);
                Assert.Equal(Enumerable.Range(floor + 1, 250 - floor), (await FetchAndAckAsync(consumer, 250 - floor)).Order());
            }

            await AssertNothingReadableInRedisAsync(cluster);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_jwt_pushed_through_one_node_admits_users_on_every_node_and_outlives_the_cluster()
    {
        using var kit = new OperatorKit();
        var operatorFile = Path.Combine(_storeDir.FullName, "operator.jwt");
        await File.WriteAllTextAsync(operatorFile, DecoratedJwt.Format(kit.OperatorJwt, JwtClaimType.Operator));
        var account = kit.Key(NKeyPrefix.Account);
        var accountJwt = kit.Account(account, "tenant");
        var user = kit.Key(NKeyPrefix.User);
        var userJwt = kit.User(user, account, "member");
        var cluster = new ClusterFixture($$"""
            operator: "{{operatorFile}}"
            system_account: {{kit.SystemAccount.PublicKey}}
            resolver: { type: full, dir: "{{_storeDir.FullName}}/jwt-{node}" }
            resolver_preload: { {{kit.SystemAccount.PublicKey}}: "{{kit.SystemJwt}}" }
            # A first login on a cluster that just formed waits for its account grain: on two
            # cores shared with the rest of the suite that took over the default 2 s.
            authorization { timeout: 10 }
            """, redisPassword: RedisPassword);
        try
        {
            await cluster.InitializeAsync();
            await using (var system = await ConnectAsync(cluster, 0, OperatorKit.Credentials(kit.SystemUserJwt, kit.SystemUser)))
            {
                var reply = await system.RequestAsync<string, string>("$SYS.REQ.CLAIMS.UPDATE", accountJwt);
                Assert.Contains("jwt updated", reply.Data, StringComparison.Ordinal);
            }

            for (var node = 0; node < ClusterFixture.Size; node++)
            {
                await using var member = await ConnectAsync(cluster, node, OperatorKit.Credentials(userJwt, user));
                await member.PingAsync();
            }

            await cluster.RestartAllAsync();
            await using (var member = await ConnectAsync(cluster, 2, OperatorKit.Credentials(userJwt, user)))
            {
                await member.PingAsync();
            }

            await using (var system = await ConnectAsync(cluster, 1, OperatorKit.Credentials(kit.SystemUserJwt, kit.SystemUser)))
            {
                var list = await system.RequestAsync<string, string>("$SYS.REQ.CLAIMS.LIST", "");
                Assert.Contains(account.PublicKey, list.Data, StringComparison.Ordinal);
            }

            Assert.All(cluster.Nodes, node => Assert.DoesNotContain(RedisPassword, node.Process.Output, StringComparison.Ordinal));

            // The JWT is in the shared store, not in any node's directory.
            Assert.DoesNotContain(Directory.EnumerateFiles(_storeDir.FullName, "*.jwt", SearchOption.AllDirectories), f => !f.EndsWith("operator.jwt", StringComparison.Ordinal));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    public void Dispose() => _storeDir.Delete(recursive: true);

    private static async Task<NatsConnection> ConnectAsync(ClusterFixture cluster, int node, NatsAuthOpts auth)
    {
        var nc = new NatsConnection(new NatsOpts { Url = cluster.Nodes[node].Url, AuthOpts = auth, RequestTimeout = Patience, ConnectTimeout = ClusterFixture.ConnectTimeout });
        await nc.ConnectAsync();
        return nc;
    }

    private static async Task AssertNothingReadableInRedisAsync(ClusterFixture cluster)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.RedisEndpoint);
        var server = redis.GetServers().Single();
        var keys = server.Keys(pattern: $"natrium:{cluster.ClusterId}:*", pageSize: 1000).ToList();
        Assert.Contains(keys, k => k.ToString().Contains(":stream:", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.ToString().Contains(":state:", StringComparison.Ordinal));
        var db = redis.GetDatabase();
        foreach (var key in keys)
        {
            Assert.DoesNotContain("ORDERS", key.ToString(), StringComparison.Ordinal);
            var values = await db.KeyTypeAsync(key) switch
            {
                RedisType.String => [await db.StringGetAsync(key)],
                RedisType.List => await db.ListRangeAsync(key),
                RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }).ToArray(),
                RedisType.Set => await db.SetMembersAsync(key),
                _ => [],
            };
            foreach (var value in values)
            {
                var text = Encoding.Latin1.GetString((byte[])value!);
                Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
                Assert.DoesNotContain("ORDERS", text, StringComparison.Ordinal);
                Assert.DoesNotContain("orders.", text, StringComparison.Ordinal);
            }
        }
    }

    // Right after a node's death, calls to the grains it ran fail until Orleans has declared it.
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> call)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (!cts.IsCancellationRequested)
            {
                await Task.Delay(250, CancellationToken.None);
            }
        }
    }

    private static async Task<List<int>> FetchAndAckAsync(INatsJSConsumer consumer, int count)
    {
        var received = new List<int>();
        using var cts = new CancellationTokenSource(Patience);
        while (received.Count < count)
        {
            await foreach (var msg in consumer.FetchAsync<string>(new NatsJSFetchOpts { MaxMsgs = count - received.Count, Expires = TimeSpan.FromSeconds(2) }, cancellationToken: cts.Token))
            {
                received.Add(int.Parse(msg.Data!.AsSpan(Secret.Length + 1), System.Globalization.CultureInfo.InvariantCulture));
                await msg.AckAsync(new AckOpts { DoubleAck = true }, cts.Token);
            }
        }

        return received;
    }
}
