namespace Natrium.Contracts.Security;

/// Operator mode as resolved at load (spec/jwt.md §8): which keys may sign account JWTs, the
/// system account, and the account resolver. Built by the config mapping from `operator`,
/// `trusted`, `system_account`, `resolver*` and `default_sentinel`; null in config mode.
/// Used by gateways (who may log in) and by account grains (which pushed JWTs they accept).
[GenerateSerializer, Immutable, Alias("natrium.trusted-operators")]
public sealed record TrustedOperators
{
    /// The operator JWTs as loaded (files or inline), each verified and self-signed.
    [Id(0)] public IReadOnlyList<string> OperatorJwts { get; init; } = [];

    /// Operator identity keys (`sub` of each operator JWT, and `trusted` keys).
    [Id(1)] public IReadOnlyList<string> OperatorKeys { get; init; } = [];

    /// Keys whose signature makes an account JWT trusted: each operator's identity key (unless
    /// its JWT sets strict_signing_key_usage), its signing keys, and the `trusted` keys.
    [Id(2)] public IReadOnlyList<string> AccountSigners { get; init; } = [];

    /// Public key of the system account (config `system_account`, else the operator JWT's).
    [Id(3)] public string? SystemAccount { get; init; }

    [Id(4)] public AccountResolverOptions Resolver { get; init; } = new();

    /// resolver_pinned_accounts: when set, only these accounts (and the system account) may log in.
    [Id(5)] public IReadOnlyList<string> PinnedAccounts { get; init; } = [];

    /// default_sentinel: a bearer user JWT used for a CONNECT that brings none.
    [Id(6)] public string? DefaultSentinel { get; init; }
}

/// Where account JWTs come from (spec/jwt.md §8).
public enum ResolverKind
{
    /// resolver: MEMORY — only resolver_preload; pushes apply in memory to loaded accounts.
    Memory,

    /// resolver: URL(...) — HTTP GET <url><account key>.
    Url,

    /// resolver { type: full } — every valid push is stored; `<dir>/<key>.jwt` in the embedded default.
    Full,

    /// resolver { type: cache } — like full, keeping at most Limit JWTs for Ttl.
    Cache,
}

[GenerateSerializer, Immutable, Alias("natrium.account-resolver-options")]
public sealed record AccountResolverOptions
{
    /// nats-server's DEFAULT_ACCOUNT_FETCH_TIMEOUT.
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(1900);

    /// full: how often peers sync (2.9.10 NewDirAccResolver: an interval ≤ 0 means one minute).
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    /// cache: a limit ≤ 0 means 1000 (NewCacheDirAccResolver).
    public const int DefaultLimit = 1000;

    /// full: a limit ≤ 0 means no limit (NewDirAccResolver).
    public const int NoLimit = int.MaxValue;

    [Id(0)] public ResolverKind Kind { get; init; } = ResolverKind.Memory;

    /// URL resolver base, the account key is appended.
    [Id(1)] public string? Url { get; init; }

    /// full/cache: the directory of `<key>.jwt` files.
    [Id(2)] public string? Dir { get; init; }

    /// full: `$SYS.REQ.CLAIMS.DELETE` is honoured.
    [Id(3)] public bool AllowDelete { get; init; }

    [Id(4)] public TimeSpan Interval { get; init; } = DefaultInterval;

    /// How long a lookup may take (URL fetch).
    [Id(5)] public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// full/cache: most JWTs kept (cache DefaultLimit, full NoLimit unless set).
    [Id(6)] public int Limit { get; init; } = DefaultLimit;

    /// cache: how long a JWT is kept; null keeps it until evicted by Limit.
    [Id(7)] public TimeSpan? Ttl { get; init; }

    /// resolver_preload: account public key → account JWT.
    [Id(8)] public IReadOnlyDictionary<string, string> Preload { get; init; } = new Dictionary<string, string>();
}
