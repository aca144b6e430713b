using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Mapping;
using static Natrium.Tests.Unit.Conf.ConfText;

namespace Natrium.Tests.Unit.Conf;

/// The `orleans` block (membership and the shared store) and nats-server's `cluster` block
/// (what clients see).
public sealed class ClusterMappingTests
{
    [Fact]
    public void The_orleans_block_and_the_client_side_settings_are_read()
    {
        var (o, d) = Map("""
            client_advertise: "10.0.0.11:4222"
            orleans { cluster_id: prod, redis: "10.0.0.10:6379", redis_password: s3cret, redis_tls: true, silo_port: 12000, advertise: "10.0.0.11" }
            cluster { name: east, no_advertise: true, routes: [ "nats://10.0.0.12:6222" ] }
            """);
        Assert.Empty(d.Errors);
        var c = o.Cluster!;
        Assert.Equal(("prod", "10.0.0.10:6379", "s3cret", true, 12000, "10.0.0.11"), (c.ClusterId, c.Redis, c.RedisPassword, c.RedisTls, c.SiloPort, c.Advertise));
        Assert.DoesNotContain("s3cret", c.ToString(), StringComparison.Ordinal);
        var g = o.Gateways[0];
        Assert.Equal(("east", "10.0.0.11:4222", true), (g.ClusterName, g.ClientAdvertise, g.NoAdvertise));
        Assert.Contains(d.Notices, n => n.Contains("\"routes\" is ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Rebalancing_is_on_by_default_and_its_timing_is_read()
    {
        var (defaults, _) = Map("orleans { cluster_id: x, redis: r }");
        Assert.Equal((true, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15)), (defaults.Cluster!.Rebalance, defaults.Cluster.RebalanceDelay, defaults.Cluster.RebalanceInterval));
        var (o, d) = Map("orleans { cluster_id: x, redis: r, rebalance: false, rebalance_delay: \"5s\", rebalance_interval: \"2s\" }");
        Assert.Empty(d.Errors);
        Assert.Equal((false, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2)), (o.Cluster!.Rebalance, o.Cluster.RebalanceDelay, o.Cluster.RebalanceInterval));
    }

    [Theory]
    [InlineData("orleans { cluster_id: x, redis: r, rebalance_interval: \"1s\" }", "orleans: rebalance_interval must be at least 2s")]
    [InlineData("orleans { redis: \"127.0.0.1:6379\" }", "orleans: cluster_id and redis are required")]
    [InlineData("orleans { cluster_id: x, redis: r, advertise: \"a-host-name\" }", "orleans: advertise must be an IP address, got \"a-host-name\"")]
    [InlineData("orleans { cluster_id: x, redis: r, silo_port: 70000 }", "70000")]
    [InlineData("orleans { cluster_id: x, redis: r, bogus: 1 }", "unknown field \"bogus\"")]
    public void Mistakes_in_the_orleans_block_are_errors(string text, string expected)
    {
        var (_, d) = Map(text);
        Assert.Contains(d.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_shared_store_defaults_to_the_membership_redis_and_may_have_its_own()
    {
        var (same, d1) = Map("orleans { cluster_id: x, redis: \"10.0.0.10:6379\", redis_password: m, redis_tls: true }");
        Assert.Empty(d1.Errors);
        var storage = same.Cluster!.StorageRedisOptions();
        Assert.Equal(("10.0.0.10:6379", "m", true), (storage.EndPoints.Single().ToString(), storage.Password, storage.Ssl));

        var (own, d2) = Map("orleans { cluster_id: x, redis: \"10.0.0.10:6379\", redis_password: m, storage_redis: \"10.0.0.20:6380\", storage_redis_password: s, storage_redis_tls: true }");
        Assert.Empty(d2.Errors);
        storage = own.Cluster!.StorageRedisOptions();
        Assert.Equal(("10.0.0.20:6380", "s", true), (storage.EndPoints.Single().ToString(), storage.Password, storage.Ssl));
        Assert.DoesNotContain("s\"", own.Cluster.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_override_one_shared_file_per_node_or_make_the_block()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "orleans { cluster_id: prod, redis: \"10.0.0.10:6379\", silo_port: 11111 }\n");
            var (cli, error) = Natrium.Silo.Cli.CommandLineParser.Parse(["-c", file, "--silo_port", "12002", "--advertise", "10.0.0.12", "--client_advertise", "10.0.0.12:4222", "--cluster_name", "east"]);
            Assert.Null(error);
            var (options, diagnostics) = ServerOptionsLoader.Load(cli!);
            Assert.Empty(diagnostics.Errors);
            Assert.Equal(("prod", 12002, "10.0.0.12"), (options!.Cluster!.ClusterId, options.Cluster.SiloPort, options.Cluster.Advertise));
            Assert.Equal(("east", "10.0.0.12:4222"), (options.Gateways[0].ClusterName, options.Gateways[0].ClientAdvertise));

            var (bare, _) = Natrium.Silo.Cli.CommandLineParser.Parse(["--cluster_id", "dev", "--redis", "127.0.0.1:6390"]);
            var (flagsOnly, _) = ServerOptionsLoader.Load(bare!);
            Assert.Equal(("dev", "127.0.0.1:6390", "dev"), (flagsOnly!.Cluster!.ClusterId, flagsOnly.Cluster.Redis, flagsOnly.Gateways[0].ClusterName));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_node_without_a_cluster_name_announces_the_cluster_id()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "orleans { cluster_id: prod, redis: \"127.0.0.1:6379\" }\n");
            var (options, diagnostics) = ServerOptionsLoader.Load(new Natrium.Silo.Cli.CommandLineOptions { ConfigFile = file });
            Assert.Empty(diagnostics.Errors);
            Assert.Equal("prod", options!.Gateways[0].ClusterName);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
