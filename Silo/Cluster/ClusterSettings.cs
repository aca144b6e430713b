namespace Natrium.Silo.Cluster;

/// The `orleans { }` block (Natrium's own): how this node joins the others. Without it the node
/// is the embedded default, one silo alone on loopback. Redis holds the membership table; the
/// silo port carries silo-to-silo traffic and is what the advertised address names. RedisPassword
/// is a secret: never logged.
internal sealed record ClusterSettings
{
    public const int DefaultSiloPort = 11111;

    public required string ClusterId { get; init; }

    /// host:port of the Redis server holding membership.
    public required string Redis { get; init; }

    public string? RedisPassword { get; init; }

    public bool RedisTls { get; init; }

    public int SiloPort { get; init; } = DefaultSiloPort;

    /// The address other silos reach this one at (an IP); loopback when not set.
    public string? Advertise { get; init; }

    /// `tls { cert_file, key_file, ca_file }`: mutual TLS between silos. Every node presents its
    /// certificate and accepts only peers whose certificate the cluster's CA signed.
    public NodeTls? Tls { get; init; }

    public override string ToString() =>
        $"ClusterSettings {{ ClusterId = {ClusterId}, Redis = {Redis}, RedisTls = {RedisTls}, SiloPort = {SiloPort}, Advertise = {Advertise}, Tls = {Tls is not null} }}";
}

/// The node's certificate and key (PEM) and the CA that signs every node's certificate.
internal sealed record NodeTls(string CertFile, string KeyFile, string CaFile);
