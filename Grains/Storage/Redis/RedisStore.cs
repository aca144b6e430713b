using StackExchange.Redis;

namespace Natrium.Grains.Storage.Redis;

/// The Redis a cluster's nodes share for everything that must outlive a node: grain state,
/// stream records and the resolver's JWTs, each under `natrium:<cluster id>:`. Every value that
/// belongs to a tenant is sealed before it gets here when encryption at rest is configured, and
/// key names are StoreNames hashes, so the Redis operator reads no account or stream name.
internal sealed class RedisStore(IConnectionMultiplexer connection, string clusterId)
{
    public IConnectionMultiplexer Connection { get; } = connection;

    public IDatabase Database => Connection.GetDatabase();

    public string Prefix { get; } = "natrium:" + clusterId + ":";

    public RedisKey Key(string suffix) => Prefix + suffix;

    /// Whether any key starts with `Prefix + suffix` (a bounded SCAN on each primary).
    public bool AnyKeyStartingWith(string suffix) =>
        Connection.GetServers().Where(s => !s.IsReplica && s.IsConnected)
            .Any(s => s.Keys(pattern: Prefix + suffix + "*", pageSize: 256).Any());
}
