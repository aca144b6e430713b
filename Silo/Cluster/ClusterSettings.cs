namespace Natrium.Silo.Cluster;

/// The `orleans { }` block (Natrium's own): how this node joins the others. Without it the node
/// is the embedded default, one silo alone on loopback. Redis holds the membership table; the
/// silo port carries silo-to-silo traffic and is what the advertised address names. RedisPassword
/// is a secret: never logged.
internal sealed record ClusterSettings
{
    public const int DefaultSiloPort = 11111;

    /// Orleans' defaults: the cluster settles for a minute before the first session, and a
    /// session moves activations every 15 s until the spread stops improving.
    public static readonly TimeSpan DefaultRebalanceDelay = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan DefaultRebalanceInterval = TimeSpan.FromSeconds(15);

    /// Orleans refuses a cycle shorter than twice its load-publishing period (1 s).
    public static readonly TimeSpan MinimumRebalanceInterval = TimeSpan.FromSeconds(2);

    public required string ClusterId { get; init; }

    /// host:port of the Redis server holding membership.
    public required string Redis { get; init; }

    public string? RedisPassword { get; init; }

    public bool RedisTls { get; init; }

    /// host:port of the Redis holding what must outlive a node (grain state, streams, resolver
    /// JWTs); the membership Redis when not set. Its password and TLS default to membership's.
    public string? StorageRedis { get; init; }

    public string? StorageRedisPassword { get; init; }

    public bool? StorageRedisTls { get; init; }

    public int SiloPort { get; init; } = DefaultSiloPort;

    /// The address other silos reach this one at (an IP); loopback when not set.
    public string? Advertise { get; init; }

    /// `tls { cert_file, key_file, ca_file }`: mutual TLS between silos. Every node presents its
    /// certificate and accepts only peers whose certificate the cluster's CA signed.
    public NodeTls? Tls { get; init; }

    /// Activation rebalancing: activations move from silos holding more than their share to
    /// those holding less (a node that joined starts with none), carrying their state.
    public bool Rebalance { get; init; } = true;

    /// How long after it starts the rebalancer waits before its first session.
    public TimeSpan RebalanceDelay { get; init; } = DefaultRebalanceDelay;

    /// The time between two rebalancing cycles of a session.
    public TimeSpan RebalanceInterval { get; init; } = DefaultRebalanceInterval;

    /// Connection options of the membership Redis.
    public StackExchange.Redis.ConfigurationOptions MembershipRedis() => RedisOptions(Redis, RedisPassword, RedisTls);

    /// Connection options of the storage Redis.
    public StackExchange.Redis.ConfigurationOptions StorageRedisOptions() =>
        StorageRedis is null ? MembershipRedis() : RedisOptions(StorageRedis, StorageRedisPassword ?? RedisPassword, StorageRedisTls ?? RedisTls);

    // A node starts even while Redis is away and reconnects by itself.
    private static StackExchange.Redis.ConfigurationOptions RedisOptions(string address, string? password, bool tls)
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(address);
        options.Password = password;
        options.Ssl = tls;
        options.AbortOnConnectFail = false;
        return options;
    }

    public override string ToString() =>
        $"ClusterSettings {{ ClusterId = {ClusterId}, Redis = {Redis}, RedisTls = {RedisTls}, StorageRedis = {StorageRedis}, SiloPort = {SiloPort}, Advertise = {Advertise}, Tls = {Tls is not null}, Rebalance = {Rebalance} }}";
}

/// The node's certificate and key (PEM) and the CA that signs every node's certificate.
internal sealed record NodeTls(string CertFile, string KeyFile, string CaFile);
