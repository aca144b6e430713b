namespace Natrium.Gateway.Monitoring;

/// One client connection as /connz reports it (spec/monitoring_cluster.md §4), taken at one
/// moment from counters the connection keeps anyway. Stop and Reason are set once it closed.
internal sealed record ConnectionSnapshot
{
    public required ulong Cid { get; init; }

    /// /connz `type`: "nats" for TCP clients, "websocket" for the websocket listener's.
    public string Type { get; init; } = "nats";

    public required string Ip { get; init; }

    public required int Port { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset LastActivity { get; init; }

    public DateTimeOffset? Stop { get; init; }

    public string? Reason { get; init; }

    /// Zero until the first PONG answered a server PING.
    public TimeSpan Rtt { get; init; }

    public long PendingBytes { get; init; }

    public long InMessages { get; init; }

    public long OutMessages { get; init; }

    public long InBytes { get; init; }

    public long OutBytes { get; init; }

    public string? Name { get; init; }

    public string? Lang { get; init; }

    public string? Version { get; init; }

    public string? TlsVersion { get; init; }

    public string? TlsCipherSuite { get; init; }

    /// The certificates the client presented (/connz `tls_peer_certs`, with `auth`); open
    /// connections only, as nats-server lists none for closed ones.
    public IReadOnlyList<Tls.TlsPeerCertificate> TlsPeerCertificates { get; init; } = [];

    /// The user name (or NKEY, or JWT user key); null before or without authentication.
    public string? AuthorizedUser { get; init; }

    public required string Account { get; init; }

    /// Logged in (CONNECT accepted, or the no_auth_user): only then does it count for its account.
    public bool Authenticated { get; init; }

    public string? Jwt { get; init; }

    public string? IssuerKey { get; init; }

    public string? NameTag { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public required IReadOnlyList<SubscriptionSnapshot> Subscriptions { get; init; }
}

/// One subscription as /connz?subs=detail and /subsz list it.
internal sealed record SubscriptionSnapshot(string Account, string Subject, string? Queue, string Sid, long Messages, long Max, ulong Cid);
