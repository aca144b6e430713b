using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cluster;

/// Mutual TLS between nodes (`orleans { tls { cert_file, key_file, ca_file } }`): nodes whose
/// certificates the cluster's CA signed form the cluster and route messages to each other; a
/// process whose certificate another CA signed cannot join.
// In the cluster collection so that the process-heavy cluster tests run one after another.
[Collection("cluster")]
public sealed class NodeTlsTests
{
    [Fact]
    public async Task Nodes_with_the_clusters_certificates_join_and_a_stranger_cannot()
    {
        using var clusterCa = new TestCertificates("Natrium Cluster CA");
        using var otherCa = new TestCertificates("Some Other CA");
        await using var redis = await RedisServer.StartAsync();
        var clusterId = "natrium-tls-" + Guid.NewGuid().ToString("N")[..8];
        string Config(int index, TestCertificates ca) => $$"""
            server_name: tls{{index}}
            orleans {
              cluster_id: "{{clusterId}}"
              redis: "{{redis.Endpoint}}"
              silo_port: {{LoopbackPorts.Unused()}}
              tls { cert_file: "{{ca.Issue($"node{index}", $"CN=node{index}", node: true).CertFile}}", key_file: "{{Path.Combine(ca.Directory, $"node{index}-key.pem")}}", ca_file: "{{ca.CaFile}}" }
            }
            """;

        await using var node0 = await ConfiguredNatrium.StartAsync(Config(0, clusterCa));
        await using var node1 = await ConfiguredNatrium.StartAsync(Config(1, clusterCa));
        await using (var subscriber = new NatsConnection(new NatsOpts { Url = node0.Url }))
        await using (var publisher = new NatsConnection(new NatsOpts { Url = node1.Url }))
        {
            await using var sub = await subscriber.SubscribeCoreAsync<string>("over.tls");
            await subscriber.PingAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var received = Task.Run(async () => (await sub.Msgs.ReadAsync(cts.Token)).Data);
            while (!received.IsCompleted && !cts.IsCancellationRequested)
            {
                await publisher.PublishAsync("over.tls", "between members");
                await Task.WhenAny(received, Task.Delay(50, cts.Token));
            }

            Assert.Equal("between members", await received);
        }

        // A node with a certificate from another CA never comes up as a member.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var stranger = await ConfiguredNatrium.StartAsync(Config(2, otherCa));
        });
        Assert.False(node0.Process.HasExited);
    }
}
