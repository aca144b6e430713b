using System.Collections.Concurrent;
using System.Text.Json;
using NATS.Client.Core;
using Natrium.Contracts.Subjects;
using Natrium.Tests.Integration.Monitoring;
using Natrium.Tests.TestKit;
using Xunit.Abstractions;

namespace Natrium.Tests.Integration.Cluster;

/// Placement and rebalancing on real processes: 100 accounts on three nodes started together,
/// clients on every node; the account and shard grains end up on every node, and a fourth node
/// that joins takes accounts (those whose home it is) and shards (the rebalancer's) over while
/// messages keep flowing and later interest changes still reach every node. Asserts only those
/// facts, and that the accounts that moved kept counting their connections; the distribution
/// itself is printed (Tests/Bench/placement.sh).
[Collection("cluster")]
public sealed class PlacementTests(ITestOutputHelper output)
{
    public const string DashboardUser = "admin";

    public const string DashboardPassword = "dash-pw";

    private const int Accounts = 100;

    /// Accounts whose messages are counted through the join (each in every shard).
    private const int Checked = 12;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly string[] Subjects = OnePerShard();

    [Fact]
    public async Task Grains_spread_over_every_node_and_a_joining_node_takes_its_share_while_clients_go_on()
    {
        await using var redis = await RedisServer.StartAsync();
        var clusterId = "natrium-placement-" + Guid.NewGuid().ToString("N")[..8];
        var nodes = new List<ConfiguredNatrium>();
        var clients = new List<NatsConnection>();
        try
        {
            await StartNodesAsync(nodes, clusterId, redis.Endpoint);
            var names = await SiloNamesAsync(nodes);
            for (var a = 0; a < Accounts; a++)
            {
                clients.Add(await ConnectAsync(nodes[a % 3], a));
            }

            var before = await SettledAsync(nodes[0], names, d => names.Values.All(n => d.Count(n, GrainDistribution.AccountGrain) > 0 && d.Count(n, GrainDistribution.ShardGrain) > 0), "every node holds account and shard grains");
            output.WriteLine($"{Accounts} accounts, 3 nodes:\n{before.Table()}");

            var traffic = new Traffic[Checked];
            for (var a = 0; a < Checked; a++)
            {
                var publisher = await ConnectAsync(nodes[(a + 1) % 3], a);
                clients.Add(publisher);
                traffic[a] = await Traffic.StartAsync(clients[a], publisher);
            }

            var joining = System.Diagnostics.Stopwatch.StartNew();
            nodes.Add(await ConfiguredNatrium.StartAsync(Config(3, clusterId, redis.Endpoint)));
            output.WriteLine($"node3 listening after {joining.Elapsed.TotalSeconds:F1} s");
            names[await GrainDistribution.LocalSiloAsync(nodes[3].MonitoringUrl!)] = "node3";
            var after = await SettledAsync(nodes[0], names, d => d.Count("node3", GrainDistribution.AccountGrain) > 0 && d.Count("node3", GrainDistribution.ShardGrain) > 0, "node 3 holds account and shard grains");
            output.WriteLine($"after node3 joined (settled {joining.Elapsed.TotalSeconds:F1} s after its start):\n{after.Table()}");

            // The accounts that moved home to node 3 took their connection counts with them.
            await LimitsStillCountEveryClientAsync(nodes);

            // Nothing published while activations moved was lost.
            foreach (var t in traffic)
            {
                await t.StopAndVerifyAsync(Patience);
            }

            // Interest changed after the moves still reaches every node, old subscribers included.
            for (var a = 0; a < Checked; a++)
            {
                await ReachesEveryoneAsync(traffic[a], await ConnectAsync(nodes[3], a), await ConnectAsync(nodes[(a + 2) % 3], a));
            }

            await DashboardListsAsync(nodes[0], 4);
        }
        catch
        {
            PrintNodeOutput(nodes);
            throw;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// Every limited account (max_connections 2, one client since before the join) admits a
    /// second client and refuses a third: an account grain that moved without its count would
    /// admit both.
    private static async Task LimitsStillCountEveryClientAsync(List<ConfiguredNatrium> nodes)
    {
        for (var a = Checked; a < Accounts; a++)
        {
            await using var second = await ConnectAsync(nodes[3], a);
            var (third, _) = await RawClient.ConnectAsync(nodes[a % 3].Port);
            await using (third)
            {
                await third.SendAsync($"CONNECT {{\"verbose\":false,\"pedantic\":false,\"protocol\":1,\"user\":\"u{a}\",\"pass\":\"p\"}}\r\nPING\r\n");
                Assert.Equal("-ERR 'maximum account active connections exceeded'\r\n", await third.ExpectClosedAsync());
            }
        }
    }

    /// What each node printed, for a failure on a loaded machine that a rerun does not show.
    private void PrintNodeOutput(List<ConfiguredNatrium> nodes)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            var text = nodes[i].Process.Output;
            output.WriteLine($"--- node{i} ({(nodes[i].Process.HasExited ? "exited" : "running")}), last of its output:\n{text[Math.Max(0, text.Length - 8000)..]}");
        }
    }

    private static string Config(int index, string clusterId, string redis) => $$"""
        server_name: node{{index}}
        http: 127.0.0.1:-1
        dashboard { username: {{DashboardUser}}, password: {{DashboardPassword}} }
        orleans {
          cluster_id: "{{clusterId}}"
          redis: "{{redis}}"
          silo_port: {{LoopbackPorts.Unused()}}
          rebalance_delay: "5s"
          rebalance_interval: "2s"
        }
        accounts {
        {{string.Join("\n", Enumerable.Range(0, Accounts).Select(a => $"  ACC{a} {{ users: [ {{ user: u{a}, password: p }} ]{(a < Checked ? "" : ", limits { max_connections: 2 }")} }}"))}}
        }
        """;

    /// Starts nodes 0–2 together; those that started are in the list even when one did not.
    private static async Task StartNodesAsync(List<ConfiguredNatrium> nodes, string clusterId, string redis)
    {
        var starts = Enumerable.Range(0, 3).Select(i => ConfiguredNatrium.StartAsync(Config(i, clusterId, redis))).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            nodes.AddRange(starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
        }
    }

    private static async Task<NatsConnection> ConnectAsync(ConfiguredNatrium node, int account)
    {
        var nc = new NatsConnection(new NatsOpts { Url = node.Url, AuthOpts = new NatsAuthOpts { Username = $"u{account}", Password = "p" }, ConnectTimeout = TimeSpan.FromSeconds(10) });
        await nc.ConnectAsync();
        return nc;
    }

    private static async Task<Dictionary<string, string>> SiloNamesAsync(List<ConfiguredNatrium> nodes)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            names[await GrainDistribution.LocalSiloAsync(nodes[i].MonitoringUrl!)] = $"node{i}";
        }

        return names;
    }

    /// Waits until the condition holds, then until two reads a rebalancing cycle apart agree (or
    /// the patience runs out: the numbers are printed, not asserted).
    private static async Task<GrainDistribution> SettledAsync(ConfiguredNatrium node, Dictionary<string, string> names, Func<GrainDistribution, bool> condition, string expectation)
    {
        GrainDistribution? seen = null;
        await Eventually.TrueAsync(async () => condition(seen = await GrainDistribution.ReadAsync(node.MonitoringUrl!, names)), expectation, Patience, () => $"\n{seen?.Table()}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var next = await GrainDistribution.ReadAsync(node.MonitoringUrl!, names);
            if (next.Table() == seen!.Table())
            {
                break;
            }

            seen = next;
        }

        return seen!;
    }

    /// New subscribers on node 3 and another node hear the checked account's publisher, and the
    /// old subscriber and the new one hear a publisher on node 3, in every shard.
    private static async Task ReachesEveryoneAsync(Traffic traffic, NatsConnection onNode3, NatsConnection onAnotherNode)
    {
        await using var fresh = await Receiver.StartAsync(onNode3, "n.");
        await using var oldSubjects = await Receiver.StartAsync(onAnotherNode, string.Empty);
        await onNode3.PingAsync();
        await onAnotherNode.PingAsync();
        for (var k = 0; k < Subjects.Length; k++)
        {
            await traffic.Publisher.PublishAsync("n." + Subjects[k], k);
            await onNode3.PublishAsync(Subjects[k], -1 - k);
        }

        await fresh.WaitForAsync(Enumerable.Range(0, Subjects.Length), Patience);
        await oldSubjects.WaitForAsync(Enumerable.Range(1, Subjects.Length).Select(k => -k), Patience);
        await traffic.Receiver.WaitForAsync(Enumerable.Range(1, Subjects.Length).Select(k => -k), Patience);
        await onNode3.DisposeAsync();
        await onAnotherNode.DisposeAsync();
    }

    private static async Task DashboardListsAsync(ConfiguredNatrium node, int silos)
    {
        using var http = DashboardFixture.Client(DashboardUser, DashboardPassword);
        await Eventually.TrueAsync(async () =>
        {
            using var counters = JsonDocument.Parse(await http.GetStringAsync(node.MonitoringUrl + "/dashboard/DashboardCounters"));
            return counters.RootElement.GetProperty("hosts").EnumerateArray().Count(h => h.GetProperty("status").GetString() == "Active") == silos;
        }, $"the dashboard lists {silos} active silos", Patience);
    }

    /// A subject in each shard of an account (the hashed ones; first tokens are literal).
    private static string[] OnePerShard() => [.. Enumerable.Range(0, 1000).Select(i => $"s{i}")
        .GroupBy(s => SubjectShards.ShardOf(System.Text.Encoding.ASCII.GetBytes(s)))
        .Select(g => g.First())];

    /// Everything one connection receives on the subjects (prefixed), as a set of payloads.
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly List<INatsSub<int>> _subs = [];
        private readonly List<Task> _reads = [];

        private Receiver()
        {
        }

        public ConcurrentDictionary<int, bool> Seen { get; } = new();

        /// Subscribed once this returns (SubscribeCoreAsync has sent every SUB).
        public static async Task<Receiver> StartAsync(NatsConnection connection, string prefix)
        {
            var receiver = new Receiver();
            foreach (var subject in Subjects)
            {
                var sub = await connection.SubscribeCoreAsync<int>(prefix + subject);
                receiver._subs.Add(sub);
                receiver._reads.Add(Task.Run(async () =>
                {
                    await foreach (var msg in sub.Msgs.ReadAllAsync())
                    {
                        receiver.Seen[msg.Data] = true;
                    }
                }));
            }

            return receiver;
        }

        public Task WaitForAsync(IEnumerable<int> wanted, TimeSpan timeout)
        {
            var all = wanted.ToArray();
            return Eventually.TrueAsync(() => all.All(Seen.ContainsKey), $"{all.Length} messages arrive", () => $"{all.Count(Seen.ContainsKey)} of them", timeout);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var sub in _subs)
            {
                await sub.DisposeAsync();
            }

            await Task.WhenAll(_reads).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// A publisher on one node sending numbered messages round the subjects until stopped,
    /// and the subscriber on another node that must receive every one.
    private sealed class Traffic
    {
        private readonly CancellationTokenSource _stop = new();
        private Task<int> _publishing = Task.FromResult(0);

        private Traffic(NatsConnection publisher, Receiver receiver)
        {
            Publisher = publisher;
            Receiver = receiver;
        }

        public NatsConnection Publisher { get; }

        public Receiver Receiver { get; }

        public static async Task<Traffic> StartAsync(NatsConnection subscriber, NatsConnection publisher)
        {
            var traffic = new Traffic(publisher, await Receiver.StartAsync(subscriber, string.Empty));
            await subscriber.PingAsync();
            await publisher.PingAsync();
            traffic._publishing = Task.Run(traffic.PublishAsync);
            return traffic;
        }

        private async Task<int> PublishAsync()
        {
            var sent = 0;
            while (!_stop.IsCancellationRequested)
            {
                await Publisher.PublishAsync(Subjects[sent % Subjects.Length], sent);
                sent++;
                await Task.Delay(20);
            }

            return sent;
        }

        public async Task StopAndVerifyAsync(TimeSpan timeout)
        {
            await _stop.CancelAsync();
            var sent = await _publishing;
            await Publisher.PingAsync();
            Assert.True(sent > 0, "the publisher sent nothing");
            await Receiver.WaitForAsync(Enumerable.Range(0, sent), timeout);
        }
    }
}
