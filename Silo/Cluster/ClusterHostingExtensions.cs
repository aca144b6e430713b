using System.Net;
using Microsoft.Extensions.Hosting;
using Natrium.Silo.Hosting;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Microsoft.Extensions.DependencyInjection;
using Natrium.Grains.Storage.Redis;
using StackExchange.Redis;

namespace Natrium.Silo.Cluster;

internal static class ClusterHostingExtensions
{
    /// Membership: the embedded default is one silo alone on loopback with a cluster id new at
    /// each start (no other process can pose as a member); with an `orleans` block the silo joins
    /// the others through Redis under the configured cluster id, on its silo port, reachable at
    /// the advertised address.
    public static ISiloBuilder AddMembership(this ISiloBuilder silo, ClusterSettings? cluster)
    {
        if (cluster is null)
        {
            silo.UseLocalhostClustering(siloPort: ClusterSettings.DefaultSiloPort, gatewayPort: 0);
            silo.Configure<EndpointOptions>(o => o.SiloListeningEndpoint = EmbeddedSilo.ListeningEndpoint);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = EmbeddedSilo.RandomClusterId();
                o.ServiceId = "natrium";
            });
            return silo;
        }

        var advertised = cluster.Advertise is null ? IPAddress.Loopback : IPAddress.Parse(cluster.Advertise);
        silo.ConfigureEndpoints(advertised, cluster.SiloPort, gatewayPort: 0, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = "natrium";
        });
        // A node that stops answering is declared dead after about three missed one-second
        // probes (Orleans' defaults take 10 s or more); its interest and clients move on then.
        // Each node writes "I am alive" to Redis every 3 s, and a joining node ignores entries
        // 9 s stale: after a crash of every node, the cluster starts again within seconds
        // instead of waiting up to 5 minutes for the dead nodes to answer.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 3;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(3);
            o.NumMissedTableIAmAliveLimit = 3;
        });
        if (cluster.Tls is { } tls)
        {
            var certificates = NodeCertificates.Load(tls, out var error) ?? throw new InvalidOperationException(error);
            silo.UseTls(certificates.Node, o =>
            {
                o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                o.RemoteCertificateValidation = certificates.Validate;
            });
        }

        if (cluster.Rebalance)
        {
            silo.AddRebalancing(cluster);
        }

        silo.UseRedisClustering(o => o.ConfigurationOptions = cluster.MembershipRedis());
        silo.Services.AddSingleton(_ => new RedisStore(ConnectionMultiplexer.Connect(cluster.StorageRedisOptions()), cluster.ClusterId));
        return silo;
    }

    /// Orleans' activation rebalancer (experimental in 10.x, ORLEANSEXP002): one worker grain in
    /// the cluster compares each silo's activation count and memory and has the fullest silos
    /// migrate random activations to the emptiest, cycle after cycle, until the spread stops
    /// improving; a node that joins empty so takes its share. Migration carries a grain's state
    /// (Natrium's account and shard grains hand theirs over), and calls made meanwhile are
    /// forwarded to the new activation. Grains marked [Immovable] stay where they are.
    private static void AddRebalancing(this ISiloBuilder silo, ClusterSettings cluster)
    {
#pragma warning disable ORLEANSEXP002 // The rebalancer's API may change in a later Orleans.
        silo.AddActivationRebalancer();
#pragma warning restore ORLEANSEXP002
        silo.Configure<ActivationRebalancerOptions>(o =>
        {
            o.RebalancerDueTime = cluster.RebalanceDelay;
            o.SessionCyclePeriod = cluster.RebalanceInterval;
        });
    }
}
