using System.Net;
using Natrium.Silo.Cluster;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// `orleans { cluster_id, redis, redis_password, redis_tls, storage_redis, storage_redis_password,
/// storage_redis_tls, silo_port, advertise, tls, rebalance, rebalance_delay, rebalance_interval }`:
/// the node's place in a multi-node cluster (Natrium's own block; nats-server has none).
internal static class OrleansMapper
{
    public static ClusterSettings? Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map, got {entry.Value.Kind}");
            return null;
        }

        string? clusterId = null, redis = null, password = null, advertise = null, storageRedis = null, storagePassword = null;
        bool tls = false, rebalance = true;
        bool? storageTls = null;
        TimeSpan rebalanceDelay = ClusterSettings.DefaultRebalanceDelay, rebalanceInterval = ClusterSettings.DefaultRebalanceInterval;
        NodeTls? nodeTls = null;
        int siloPort = ClusterSettings.DefaultSiloPort;
        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "cluster_id":
                    clusterId = ConfReading.String(e, diagnostics);
                    break;
                case "redis":
                    redis = ConfReading.String(e, diagnostics);
                    break;
                case "redis_password":
                    password = ConfReading.String(e, diagnostics);
                    break;
                case "redis_tls":
                    tls = ConfReading.Bool(e, diagnostics) ?? false;
                    break;
                case "storage_redis":
                    storageRedis = ConfReading.String(e, diagnostics);
                    break;
                case "storage_redis_password":
                    storagePassword = ConfReading.String(e, diagnostics);
                    break;
                case "storage_redis_tls":
                    storageTls = ConfReading.Bool(e, diagnostics);
                    break;
                case "silo_port":
                    siloPort = ConfReading.Int32(e, diagnostics, 1, 65535) ?? siloPort;
                    break;
                case "tls":
                    nodeTls = Tls(e, diagnostics);
                    break;
                case "rebalance":
                    rebalance = ConfReading.Bool(e, diagnostics) ?? rebalance;
                    break;
                case "rebalance_delay":
                    rebalanceDelay = ConfReading.Duration(e, diagnostics) ?? rebalanceDelay;
                    break;
                case "rebalance_interval":
                    rebalanceInterval = ConfReading.Duration(e, diagnostics) ?? rebalanceInterval;
                    if (rebalanceInterval < ClusterSettings.MinimumRebalanceInterval)
                    {
                        diagnostics.Error(e.Value.Position, $"orleans: rebalance_interval must be at least {ClusterSettings.MinimumRebalanceInterval.TotalSeconds:0}s");
                    }

                    break;
                case "advertise":
                    advertise = ConfReading.String(e, diagnostics);
                    if (advertise is not null && !IPAddress.TryParse(advertise, out _))
                    {
                        diagnostics.Error(e.Value.Position, $"orleans: advertise must be an IP address, got \"{advertise}\"");
                    }

                    break;
                default:
                    if (!e.UsedAsVariable)
                    {
                        diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                    }

                    break;
            }
        }

        if (string.IsNullOrEmpty(clusterId) || string.IsNullOrEmpty(redis))
        {
            diagnostics.Error(map.Position, "orleans: cluster_id and redis are required");
            return null;
        }

        return new ClusterSettings
        {
            ClusterId = clusterId, Redis = redis, RedisPassword = password, RedisTls = tls, SiloPort = siloPort, Advertise = advertise, Tls = nodeTls,
            StorageRedis = storageRedis, StorageRedisPassword = storagePassword, StorageRedisTls = storageTls,
            Rebalance = rebalance, RebalanceDelay = rebalanceDelay, RebalanceInterval = rebalanceInterval,
        };
    }

    private static NodeTls? Tls(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"orleans: {entry.Key}: expected a map, got {entry.Value.Kind}");
            return null;
        }

        var files = new TlsFileKeys();
        foreach (var e in map.Entries.Where(e => !files.TryRead(e, diagnostics)))
        {
            diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
        }

        if (files is not { Cert: { } cert, Key: { } key, Ca: { } ca })
        {
            diagnostics.Error(map.Position, "orleans: tls needs cert_file, key_file and ca_file");
            return null;
        }

        return new NodeTls(cert, key, ca);
    }
}
