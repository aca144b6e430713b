using Microsoft.Extensions.Logging;
using Natrium.Contracts.Security;
using Natrium.Silo.Conf;
using Natrium.Silo.Hosting;
using Natrium.Silo.Monitoring;

namespace Natrium.Silo.Mapping;

/// Maps a parsed nats-server.conf onto ServerOptions (the top-level keys of spec/config.md
/// §2). Each conf key appears here once, mapped by name to its option. Every problem is
/// collected with its position.
internal static class ServerOptionsMapper
{
    public static ServerOptions Map(ConfMap root, ConfDiagnostics diagnostics)
    {
        var options = new ServerOptions();
        var gateway = options.Gateways[0];
        var monitoring = options.Monitoring;
        var authorization = AuthorizationConfig.None;
        string? noAuthUser = null;
        Natrium.Gateway.Tls.TlsOptions? tls = null;
        var allowNonTls = false;
        Natrium.Gateway.WebSockets.WebsocketOptions? websocket = null;
        var operatorSettings = new OperatorSettings();
        List<UserConfig> accountUsers = [];
        Dictionary<string, AccountLimits> accountLimits = [];
        foreach (var entry in root.Entries)
        {
            switch (entry.Key.ToLowerInvariant())
            {
                case "authorization":
                    authorization = AuthorizationMapper.Map(entry, diagnostics);
                    break;
                case "accounts":
                    (accountUsers, accountLimits, var accounts) = AccountsMapper.Map(entry, diagnostics);
                    options = options with { Accounts = accounts };
                    break;
                case "mappings" or "maps":
                    options = options with { Mappings = MappingsMapper.Map(entry, diagnostics) };
                    break;
                case "system_account" or "system":
                    options = options with { SystemAccount = ConfReading.String(entry, diagnostics) };
                    break;
                case "no_system_account":
                    options = options with { NoSystemAccount = ConfReading.Bool(entry, diagnostics) ?? false };
                    break;
                case "jetstream":
                    options = options with { JetStreamConfig = JetStreamMapper.Map(entry, diagnostics) };
                    break;
                case "audit_log":
                    options = options with { AuditLog = AuditLogMapper.Map(entry, diagnostics) };
                    break;
                case "dashboard":
                    options = options with { Dashboard = DashboardMapper.Map(entry, diagnostics) };
                    break;
                case "orleans":
                    options = options with { Cluster = OrleansMapper.Map(entry, diagnostics) };
                    break;
                case "cluster":
                    gateway = ClusterBlockMapper.Apply(gateway, entry, diagnostics);
                    break;
                case "client_advertise":
                    gateway = gateway with { ClientAdvertise = ConfReading.String(entry, diagnostics) };
                    break;
                case "operator" or "operators" or "root" or "roots" or "root_operator" or "root_operators"
                    or "trusted" or "trusted_keys" or "resolver" or "account_resolver" or "accounts_resolver"
                    or "resolver_preload" or "resolver_pinned_accounts" or "default_sentinel":
                    operatorSettings = OperatorMapper.Apply(operatorSettings, entry, diagnostics);
                    break;
                case "tls":
                    tls = TlsMapper.Map(entry, diagnostics);
                    break;
                case "websocket" or "ws":
                    websocket = WebsocketMapper.Map(entry, diagnostics);
                    break;
                case "allow_non_tls":
                    allowNonTls = ConfReading.Bool(entry, diagnostics) ?? false;
                    break;
                case "no_auth_user":
                    noAuthUser = ConfReading.String(entry, diagnostics);
                    break;
                case "listen":
                    var (host, port) = ConfReading.HostPort(entry, diagnostics);
                    gateway = gateway with { Host = string.IsNullOrEmpty(host) ? gateway.Host : host, Port = ClientPort(port) ?? gateway.Port };
                    break;
                case "port":
                    gateway = gateway with { Port = ClientPort(ConfReading.Int32(entry, diagnostics, -1, 65535)) ?? gateway.Port };
                    break;
                case "host" or "net":
                    gateway = gateway with { Host = ConfReading.String(entry, diagnostics) ?? gateway.Host };
                    break;
                case "server_name":
                    gateway = gateway with { ServerName = ConfReading.String(entry, diagnostics) };
                    break;
                case "server_tags":
                    gateway = gateway with { Tags = ServerTagsMapper.Map(entry, diagnostics) };
                    break;
                case "max_payload":
                    gateway = gateway with { MaxPayload = ConfReading.Int32(entry, diagnostics, 1) ?? gateway.MaxPayload };
                    break;
                case "max_control_line":
                    gateway = gateway with { MaxControlLine = ConfReading.Int32(entry, diagnostics, 1) ?? gateway.MaxControlLine };
                    break;
                case "max_pending":
                    gateway = gateway with { MaxPending = ConfReading.Integer(entry, diagnostics) ?? gateway.MaxPending };
                    break;
                case "max_connections" or "max_conn":
                    gateway = gateway with { MaxConnections = ConfReading.Int32(entry, diagnostics, 0) ?? gateway.MaxConnections };
                    break;
                case "max_subscriptions" or "max_subs":
                    gateway = gateway with { MaxSubscriptions = ConfReading.Int32(entry, diagnostics, 0) ?? gateway.MaxSubscriptions };
                    break;
                case "ping_interval":
                    gateway = gateway with { PingInterval = ConfReading.Duration(entry, diagnostics) ?? gateway.PingInterval };
                    break;
                case "ping_max":
                    gateway = gateway with { PingMax = ConfReading.Int32(entry, diagnostics, 1) ?? gateway.PingMax };
                    break;
                case "lame_duck_duration" or "lame_duck_grace_period":
                    options = options with { LameDuck = LameDuckMapper.Apply(options.LameDuck, entry, diagnostics) };
                    break;
                case "write_deadline":
                    gateway = gateway with { WriteDeadline = ConfReading.Duration(entry, diagnostics) ?? gateway.WriteDeadline };
                    break;
                case "max_closed_clients":
                    gateway = gateway with { MaxClosedClients = ConfReading.Int32(entry, diagnostics, 0) ?? gateway.MaxClosedClients };
                    break;
                case "no_header_support":
                    gateway = gateway with { NoHeaderSupport = ConfReading.Bool(entry, diagnostics) ?? gateway.NoHeaderSupport };
                    break;
                case "http" or "https":
                    var (httpHost, httpPort) = ConfReading.HostPort(entry, diagnostics);
                    monitoring = Monitor(monitoring, entry, httpPort, diagnostics) with { Host = string.IsNullOrEmpty(httpHost) ? monitoring.Host : httpHost };
                    break;
                case "http_base_path":
                    monitoring = monitoring with { BasePath = ConfReading.String(entry, diagnostics) ?? string.Empty };
                    break;
                case "http_auth":
                    monitoring = monitoring with { Auth = HttpAuthMapper.Map(entry, diagnostics) };
                    break;
                case "http_port" or "monitor_port" or "https_port":
                    monitoring = Monitor(monitoring, entry, ConfReading.Int32(entry, diagnostics, -1, 65535), diagnostics);
                    break;
                case "ports_file_dir":
                    options = options with { PortsFileDir = ConfReading.String(entry, diagnostics) };
                    break;
                case "store_dir":
                    options = options with { StoreDir = ConfReading.String(entry, diagnostics) };
                    break;
                case "logfile" or "log_file":
                    options = options with { LogFile = ConfReading.String(entry, diagnostics) };
                    break;
                case "logtime":
                    options = options with { LogTime = ConfReading.Bool(entry, diagnostics) ?? options.LogTime };
                    break;
                case "logtime_utc":
                    options = options with { LogTimeUtc = ConfReading.Bool(entry, diagnostics) ?? options.LogTimeUtc };
                    break;
                case "logfile_size_limit" or "log_size_limit":
                    options = options with { LogSizeLimit = ConfReading.Integer(entry, diagnostics) ?? options.LogSizeLimit };
                    break;
                case "debug":
                    if (ConfReading.Bool(entry, diagnostics) == true && options.LogLevel > LogLevel.Debug)
                    {
                        options = options with { LogLevel = LogLevel.Debug };
                    }

                    break;
                case "trace":
                    if (ConfReading.Bool(entry, diagnostics) == true)
                    {
                        options = options with { LogLevel = LogLevel.Trace };
                    }

                    break;
                case "trace_verbose":
                    // As 2.9.10: trace on too, and the system account's own traffic traced.
                    var verbose = ConfReading.Bool(entry, diagnostics) == true;
                    options = verbose ? options with { LogLevel = LogLevel.Trace } : options;
                    gateway = gateway with { TraceVerbose = verbose };
                    break;
                case "max_traced_msg_len":
                    gateway = gateway with { MaxTracedMsgLen = ConfReading.Int32(entry, diagnostics) ?? gateway.MaxTracedMsgLen };
                    break;
                case "syslog":
                    options = options with { Syslog = ConfReading.Bool(entry, diagnostics) ?? options.Syslog };
                    break;
                case "remote_syslog":
                    options = options with { RemoteSyslog = ConfReading.String(entry, diagnostics) };
                    break;
                case "logfile_max_num" or "log_max_num":
                    options = options with { LogMaxFiles = ConfReading.Integer(entry, diagnostics) ?? options.LogMaxFiles };
                    break;
                default:
                    Unhandled(entry, diagnostics);
                    break;
            }
        }

        var operators = TrustedOperatorsBuilder.Build(
            operatorSettings,
            options.SystemAccount,
            new OperatorModeContext(options.Accounts.Count > 0, authorization.Users.Count > 0, noAuthUser, HasAuthCallout(root)),
            diagnostics);
        gateway = gateway with
        {
            Authorization = authorization with
            {
                Users = [.. authorization.Users, .. accountUsers],
                HasAccounts = root.Find("accounts") is not null,
                NoAuthUser = noAuthUser,
                VerifyAndMap = tls?.VerifyAndMap == true,
            },
            Tls = tls is null ? null : tls with { AllowNonTls = allowNonTls },
            Websocket = websocket,
            AccountLimits = accountLimits,
            Accounts = options.Accounts,
            GlobalMappings = options.Mappings,
            SystemAccount = operators?.SystemAccount ?? options.SystemAccount ?? "$SYS",
            Operators = operators,
        };
        return options with { Gateways = [gateway], Monitoring = monitoring, Operators = operators };
    }

    /// Only looked at here: the authorization mapper maps the callout.
    private static bool HasAuthCallout(ConfMap root) =>
        root.Find("authorization")?.Value is ConfMap authorization
        && (authorization.Find("auth_callout") ?? authorization.Find("callout") ?? authorization.Find("auth_hook")) is not null;

    private static void Refuse(ConfEntry entry, ConfDiagnostics diagnostics) =>
        diagnostics.Error(entry.KeyPosition, $"field \"{entry.Key}\" is not supported by Natrium yet; refusing to run without it");

    private static void Unhandled(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.UsedAsVariable)
        {
            return;
        }

        if (KnownKeys.RefusedUntilSupported.Contains(entry.Key))
        {
            diagnostics.Error(entry.KeyPosition, $"field \"{entry.Key}\" is not supported by Natrium yet; refusing to run without it");
        }
        else if (KnownKeys.IgnoredWithWarning.Contains(entry.Key))
        {
            diagnostics.Notice(entry.KeyPosition, $"field \"{entry.Key}\" is not supported by Natrium yet and is ignored");
        }
        else
        {
            diagnostics.Error(entry.KeyPosition, $"unknown field \"{entry.Key}\"");
        }
    }

    /// nats-server's -1 means any free port, which is a bind to port 0 here.
    private static int? ClientPort(int? port) => port is null ? null : Math.Max(port.Value, 0);

    /// http_port: -1 any free port, 0 none. The https keys turn TLS on; nats-server refuses a
    /// file with both kinds of port (spec/monitoring_cluster.md §1).
    private static MonitoringOptions Monitor(MonitoringOptions monitoring, ConfEntry entry, int? port, ConfDiagnostics diagnostics)
    {
        var https = entry.Key.StartsWith("https", StringComparison.OrdinalIgnoreCase);
        var mapped = port switch { null or 0 => null, -1 => 0, _ => port };
        if (monitoring.Enabled && mapped is not null && monitoring.Https != https)
        {
            var (http, secure) = https ? (monitoring.Port, mapped) : (mapped, monitoring.Port);
            diagnostics.Error(entry.KeyPosition, $"can't specify both HTTP ({http}) and HTTPs ({secure}) ports");
        }

        return monitoring with { Port = mapped, Https = https };
    }
}
