using System.Diagnostics;
using NATS.Client.Core;
using Natrium.Contracts.Subjects;
using Natrium.Tests.TestKit;
using Xunit.Abstractions;

namespace Natrium.Tests.Integration.Cluster;

/// `kill -9` of one node of three: once Orleans declares it dead, its interest leaves every shard
/// (a queue group stops choosing its dead member, so nothing more is lost to it), its
/// connections leave their account's count, the survivors' interest is whole again even in
/// shards that ran on the dead node, and a NATS.Net client that was connected to it reconnects
/// to another node through connect_urls and receives again.
// In the cluster collection so that the process-heavy cluster tests run one after another.
[Collection("cluster")]
public sealed class NodeLossTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_survivors_deliver_among_themselves_and_the_dead_nodes_clients_move_over()
    {
        var cluster = new ClusterFixture();
        try
        {
            await cluster.InitializeAsync();
            await using var survivor = await cluster.ConnectAsync(0, "a");
            await using var publisher = await cluster.ConnectAsync(1, "a");
            await using var movingClient = await cluster.ConnectAsync(2, "a");
            // The dead node's queue member is a raw client: it cannot reconnect elsewhere and
            // join the group again (which would clear the dead member as a side effect).
            var (doomed, _) = await RawClient.ConnectAsync(new Uri(cluster.Nodes[2].Url).Port);
            await using var doomedClient = doomed;
            await doomed.SendAsync("CONNECT {\"user\":\"a\",\"pass\":\"a\",\"verbose\":false}\r\nSUB loss.q q 1\r\n");
            await doomed.PingAsync();

            // The moving client's subject in another shard than the queue's, so its resubscription
            // after the loss cannot be what clears the dead member from the queue's shard.
            var movingSubject = Enumerable.Range(0, 100).Select(i => $"moving{i}.x")
                .First(s => SubjectShards.ShardOf(System.Text.Encoding.ASCII.GetBytes(s)) != SubjectShards.ShardOf("loss.q"u8));
            await using var queue0 = await survivor.SubscribeCoreAsync<int>("loss.q", queueGroup: "q");
            await using var moving = await movingClient.SubscribeCoreAsync<string>(movingSubject);
            await survivor.PingAsync();
            await movingClient.PingAsync();
            // Account L may have two connections cluster-wide: one on the doomed node, one here.
            var (limitedOnDoomed, _) = await LimitedClientAsync(cluster, 2);
            await using var limitedDoomed = limitedOnDoomed;
            var (limitedOnSurvivor, _) = await LimitedClientAsync(cluster, 0);
            await using var limitedSurvivor = limitedOnSurvivor;
            var (refused, _) = await LimitedClientAsync(cluster, 1, admitted: false);
            await refused.DisposeAsync();

            await Eventually.TrueAsync(() => movingClient.ServerInfo!.ClientConnectUrls?.Length == ClusterFixture.Size, "the client on node 2 knows every node", timeout: Patience);
            await RepublishUntilReceived.ReceiveAsync(publisher, moving, movingSubject, "before", Patience);

            // Survivors keep delivering among themselves through the loss, even in shards whose
            // grains ran on the dead node and start again empty: nothing between them is lost.
            await using var steady = await SteadyStream.StartAsync(publisher, survivor, "steady");

            var clock = Stopwatch.StartNew();
            await cluster.Nodes[2].Process.KillAsync();
            await cluster.Nodes[0].Process.WaitForOutputAsync("was declared dead", Patience);
            output.WriteLine($"declared dead after {clock.Elapsed.TotalSeconds:F1} s");
            await cluster.Nodes[0].Process.WaitForOutputAsync("its gateways' interest is dropped", Patience);
            await cluster.Nodes[1].Process.WaitForOutputAsync("its gateways' interest is dropped", Patience);
            var lost = await steady.StopAsync(Patience);
            Assert.True(lost.Length == 0, $"{lost.Length} messages between survivors were lost: {string.Join(", ", lost.Take(10))} … {string.Join(", ", lost.TakeLast(10))}");

            // The dead node's connection left account L's count (the survivor's stayed in it,
            // even if the account grain ran on the dead node and started again empty).
            var (admitted, _) = await LimitedClientAsync(cluster, 1);
            await using var limitedAdmitted = admitted;
            var (refusedAgain, _) = await LimitedClientAsync(cluster, 1, admitted: false);
            await refusedAgain.DisposeAsync();

            // Shards that ran on the dead node are rebuilt from the survivors' re-sent interest:
            // once one message of the group has reached the survivor (warm-ups on the queue's own
            // subject, so no interest change in its shard clears the dead member by accident),
            // every message reaches the surviving member, exactly once.
            using (var warm = new CancellationTokenSource(Patience))
            {
                var arrived = false;
                while (!arrived)
                {
                    await publisher.PublishAsync("loss.q", -1, cancellationToken: warm.Token);
                    await Task.Delay(100, warm.Token);
                    while (queue0.Msgs.TryRead(out _))
                    {
                        arrived = true;
                    }
                }
            }

            const int Count = 100;
            for (var i = 0; i < Count; i++)
            {
                await publisher.PublishAsync("loss.q", i);
            }

            var got = new List<int>();
            using (var cts = new CancellationTokenSource(Patience))
            {
                while (got.Count < Count && !cts.IsCancellationRequested)
                {
                    while (queue0.Msgs.TryRead(out var msg))
                    {
                        if (msg.Data >= 0)
                        {
                            got.Add(msg.Data);
                        }
                    }

                    await Task.Delay(10, CancellationToken.None);
                }
            }

            Assert.Equal(Enumerable.Range(0, Count), got.Order());

            // The client of the dead node is on another node now, with its subscription.
            await Eventually.TrueAsync(() => movingClient.ConnectionState == NatsConnectionState.Open && movingClient.ServerInfo!.Port != new Uri(cluster.Nodes[2].Url).Port, "the client reconnected elsewhere", timeout: Patience);
            output.WriteLine($"client moved after {clock.Elapsed.TotalSeconds:F1} s");
            await RepublishUntilReceived.ReceiveAsync(publisher, moving, movingSubject, "after", Patience);
        }
        finally
        {
            for (var i = 0; i < 2; i++)
            {
                output.WriteLine($"--- node {i}\n{cluster.Nodes[i].Process.Output}");
            }

            await cluster.DisposeAsync();
        }
    }

    private static async Task<(RawClient Client, string Info)> LimitedClientAsync(ClusterFixture cluster, int node, bool admitted = true)
    {
        var (client, info) = await RawClient.ConnectAsync(new Uri(cluster.Nodes[node].Url).Port);
        await client.SendAsync("CONNECT {\"user\":\"l\",\"pass\":\"l\",\"verbose\":false}\r\nPING\r\n");
        if (admitted)
        {
            await client.ExpectAsync("PONG\r\n");
        }
        else
        {
            await client.ExpectAsync("-ERR 'maximum account active connections exceeded'\r\n");
        }

        return (client, info);
    }
}
