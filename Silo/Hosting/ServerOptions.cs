using Microsoft.Extensions.Logging;
using Natrium.Silo.Monitoring;
using GatewayOptions = Natrium.Gateway.Hosting.GatewayOptions;

namespace Natrium.Silo.Hosting;

/// Everything one natrium process runs with, built from the config file and the command line.
internal sealed record ServerOptions
{
    /// Client listeners; the embedded default has one, tests add more.
    public IReadOnlyList<GatewayOptions> Gateways { get; init; } = [GatewayOptions.Default];

    public MonitoringOptions Monitoring { get; init; } = new();

    /// The Orleans dashboard and /grainz on the monitoring listener; off unless credentials are set.
    public DashboardSettings Dashboard { get; init; } = new();

    /// Where to write `<executable>_<pid>.ports` once listening (nats-server's ports_file_dir).
    public string? PortsFileDir { get; init; }

    /// JetStream was asked for (-js); it is not implemented yet, so this only warns.
    public bool JetStream { get; init; }

    public string? StoreDir { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// accounts.X exports, imports, mappings (users and limits live in the gateway options).
    public IReadOnlyList<Natrium.Contracts.Accounts.AccountConfig> Accounts { get; init; } = [];

    /// Top-level mappings, for the global account.
    public IReadOnlyList<Natrium.Contracts.Accounts.SubjectMapping> Mappings { get; init; } = [];

    public string? SystemAccount { get; init; }

    public bool NoSystemAccount { get; init; }

    public Natrium.Contracts.JetStream.JetStreamConfig? JetStreamConfig { get; init; }

    /// The `orleans` block: this node's cluster; null for the embedded single silo.
    public Natrium.Silo.Cluster.ClusterSettings? Cluster { get; init; }

    /// The keys of encryption at rest (StoreKeyringLoader), set when JetStream is on.
    public Natrium.Grains.Streams.Encryption.StoreKeyring? StoreKeyring { get; init; }

    /// Operator mode (operator/trusted, resolver, preloads), the same object every gateway
    /// carries; null in config mode. For the account grains and the resolver.
    public Natrium.Contracts.Security.TrustedOperators? Operators { get; init; }

    /// log_file / -l: write the log there instead of the console.
    public string? LogFile { get; init; }

    /// logtime / -T: a timestamp on each log line (nats-server's default: true).
    public bool LogTime { get; init; } = true;

    /// logtime_utc: that timestamp in UTC rather than local time.
    public bool LogTimeUtc { get; init; }

    /// log_size_limit (logfile_size_limit) / --log_size_limit: rotate the log file past this
    /// many bytes; 0 never rotates.
    public long LogSizeLimit { get; init; }

    /// logfile_max_num (log_max_num): with rotation, keep this many log files, the current one
    /// included, deleting the oldest backups (nats-server 2.10+; 2.9.10 refuses the key); 0 keeps all.
    public long LogMaxFiles { get; init; }

    /// syslog / -s: log to the local syslog daemon instead of the console.
    public bool Syslog { get; init; }

    /// remote_syslog / -r: log to a syslog server, `udp://host:port`, `tcp://host:port` or
    /// `unix:///path`; wins over syslog, and a log file wins over both, as in nats-server.
    public string? RemoteSyslog { get; init; }

    /// audit_log: where every authentication decision is recorded; null without one.
    public Natrium.Gateway.Audit.AuditLogOptions? AuditLog { get; init; }

    /// lame_duck_duration and lame_duck_grace_period.
    public Natrium.Silo.LameDuck.LameDuckOptions LameDuck { get; init; } = new();
}
