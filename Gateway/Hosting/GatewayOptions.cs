using Natrium.Contracts.Accounts;
using Natrium.Contracts.Security;
using Natrium.Gateway.Tls;

namespace Natrium.Gateway.Hosting;

/// Settings of one gateway listener, with nats-server's defaults (spec/protocol.md §14).
/// Immutable while running; a reload builds new options.
public sealed record GatewayOptions
{
    public const int DefaultPort = 4222;
    public const int DefaultMaxPayload = 1024 * 1024;
    public const int DefaultMaxControlLine = 4096;
    public const long DefaultMaxPending = 64L * 1024 * 1024;
    public const int DefaultMaxConnections = 64 * 1024;
    public const int DefaultPingMax = 2;
    public const int DefaultMaxClosedClients = 10_000;

    public static readonly TimeSpan DefaultPingInterval = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DefaultWriteDeadline = TimeSpan.FromSeconds(10);

    public static GatewayOptions Default { get; } = new();

    /// Bind address; nats-server's default is every interface.
    public string Host { get; init; } = "0.0.0.0";

    /// Client port; 0 picks a free port (nats-server's -1 maps here).
    public int Port { get; init; } = DefaultPort;

    /// server_name; defaults to the generated server id.
    public string? ServerName { get; init; }

    /// server_tags, trimmed, lowercased and without repeats (/varz `tags`, the `$SYS` server
    /// object, `$SYS.REQ.SERVER` tag filters).
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// `cluster { name }` (or the orleans cluster id): announced in INFO as `cluster`; null when
    /// this node is not part of a cluster.
    public string? ClusterName { get; init; }

    /// `client_advertise`: the host:port clients are told to reach this node at (connect_urls).
    public string? ClientAdvertise { get; init; }

    /// `cluster { no_advertise: true }`: no connect_urls to this node's clients, and its URL is
    /// kept from other nodes' clients.
    public bool NoAdvertise { get; init; }

    public int MaxPayload { get; init; } = DefaultMaxPayload;
    public int MaxControlLine { get; init; } = DefaultMaxControlLine;
    public long MaxPending { get; init; } = DefaultMaxPending;
    public int MaxConnections { get; init; } = DefaultMaxConnections;

    /// Per connection; 0 means unlimited.
    public int MaxSubscriptions { get; init; }

    public TimeSpan PingInterval { get; init; } = DefaultPingInterval;
    public int PingMax { get; init; } = DefaultPingMax;
    public TimeSpan WriteDeadline { get; init; } = DefaultWriteDeadline;
    public bool NoHeaderSupport { get; init; }

    /// `trace_verbose` / -VV: the protocol trace also shows what the server itself publishes in
    /// the system account (`SYSTEM - <<- [PUB …]`), as nats-server 2.9.10 does.
    public bool TraceVerbose { get; init; }

    /// `max_traced_msg_len`: traced payloads are cut past this many bytes; 0 shows them whole.
    public int MaxTracedMsgLen { get; init; }

    /// `max_closed_clients`: how many closed connections /connz?state=closed keeps (nats-server's
    /// MaxClosedClients, whose 2.9.10 conf parser does not read the key); 0 keeps none.
    public int MaxClosedClients { get; init; } = DefaultMaxClosedClients;

    /// Who may connect and with which permissions (authorization block, users, flags).
    public AuthorizationConfig Authorization { get; init; } = AuthorizationConfig.None;

    /// accounts.X.limits by account name.
    public IReadOnlyDictionary<string, AccountLimits> AccountLimits { get; init; } = new Dictionary<string, AccountLimits>();

    /// system_account: the account whose users see `$SYS` events (nats-server's default $SYS).
    public string SystemAccount { get; init; } = "$SYS";

    /// Top-level mappings, for the global account.
    public IReadOnlyList<SubjectMapping> GlobalMappings { get; init; } = [];

    /// Configured accounts' exports, imports and mappings.
    public IReadOnlyList<AccountConfig> Accounts { get; init; } = [];

    /// The tls block; null for plaintext only.
    public TlsOptions? Tls { get; init; }

    /// The websocket block; null when there is no websocket listener.
    public WebSockets.WebsocketOptions? Websocket { get; init; }

    /// Operator mode (decentralized JWT authentication); null in config mode, where users and
    /// accounts come from the config file (spec/jwt.md §8: the two are exclusive).
    public TrustedOperators? Operators { get; init; }

    /// JetStream on this server (`-js`, `jetstream { }`); null when off: `$JS.…` subjects are
    /// then ordinary subjects (no responders).
    public Natrium.Contracts.JetStream.JetStreamConfig? JetStream { get; init; }

    /// Config mode: the accounts JetStream is enabled for, with their limits (the global
    /// account when no accounts are configured). Operator mode takes them from account JWTs.
    public IReadOnlyDictionary<string, Natrium.Contracts.JetStream.JetStreamAccountLimits> JetStreamAccounts { get; init; } =
        new Dictionary<string, Natrium.Contracts.JetStream.JetStreamAccountLimits>();
}
