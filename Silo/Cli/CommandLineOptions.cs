using Microsoft.Extensions.Logging;

namespace Natrium.Silo.Cli;

/// What the command line asked for. Null means "not given", so a config file value (or the
/// default) applies: flags override the file, as in nats-server.
internal sealed record CommandLineOptions
{
    public bool ShowHelp { get; init; }
    public bool ShowVersion { get; init; }
    public string? ConfigFile { get; init; }
    public bool TestConfig { get; init; }
    public string? Host { get; init; }

    /// -1 asks for any free port, as in nats-server.
    public int? Port { get; init; }
    public string? ServerName { get; init; }

    /// Monitoring port: -1 any free port, 0 none.
    public int? HttpPort { get; init; }

    /// The same, serving HTTPS with the tls certificate (-ms).
    public int? HttpsPort { get; init; }
    public string? PortsFileDir { get; init; }
    public bool JetStream { get; init; }
    public string? StoreDir { get; init; }
    public string? LogFile { get; init; }

    /// -T / --logtime (a Go bool flag: `-T=false` turns timestamps off).
    public bool? LogTime { get; init; }

    /// --log_size_limit in bytes.
    public long? LogSizeLimit { get; init; }

    /// --user/--pass and --auth: a single user or token, as in nats-server.
    public string? User { get; init; }
    public string? Password { get; init; }
    public string? Token { get; init; }

    /// --tls, --tlscert, --tlskey, --tlscacert, --tlsverify.
    public bool Tls { get; init; }
    public string? TlsCert { get; init; }
    public string? TlsKey { get; init; }
    public string? TlsCaCert { get; init; }
    public bool TlsVerify { get; init; }

    /// --cluster_name and --client_advertise (as nats-server); --cluster_id, --redis, --silo_port
    /// and --advertise (the orleans block), so the nodes of a cluster can share one config file.
    public string? ClusterName { get; init; }
    public string? ClientAdvertise { get; init; }
    public string? ClusterId { get; init; }
    public string? Redis { get; init; }
    public int? SiloPort { get; init; }
    public string? SiloAdvertise { get; init; }

    /// --signal / -sl: send a signal to a running server instead of starting one.
    public string? Signal { get; init; }
    public bool Debug { get; init; }
    public bool Trace { get; init; }

    /// -VV / -DVV: trace the system account's own traffic as well.
    public bool TraceVerbose { get; init; }

    /// --max_traced_msg_len: cut traced payloads past this many bytes.
    public int? MaxTracedMsgLen { get; init; }

    /// -s / --syslog and -r / --remote_syslog.
    public bool? Syslog { get; init; }
    public string? RemoteSyslog { get; init; }

    /// --lame_duck_duration_for_tests: below nats-server's 30 s minimum, for Natrium's own
    /// tests only (TestFlags refuses it otherwise).
    public TimeSpan? LameDuckDurationForTests { get; init; }

    public LogLevel? LogLevel => Trace ? Microsoft.Extensions.Logging.LogLevel.Trace : Debug ? Microsoft.Extensions.Logging.LogLevel.Debug : null;
}
