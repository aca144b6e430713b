using Microsoft.Extensions.Logging;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Protocol;

namespace Natrium.Silo.Hosting;

/// nats-server 2.9.10's start-up and exit lines (server.go Start, main.go), with its wording and
/// column layout, since operators and test harnesses grep for them: "Starting nats-server",
/// "  Version:  2.9.10", "  Name:     …", "  ID:       …", "Listening for client connections on …"
/// (GatewayNode), "Server is ready", "Server Exiting..". Its "  Git:" line is replaced by
/// "  Natrium:  v…", Natrium's own version.
internal static partial class StartupLog
{
    private static readonly string Own = "v" + (typeof(StartupLog).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    /// Before the ports open; one Name/ID pair per co-hosted gateway.
    public static void Banner(ILogger logger, IEnumerable<GatewayNode> gateways)
    {
        LogStarting(logger);
        LogVersion(logger, ServerInfo.CompatibleVersion);
        LogNatrium(logger, Own);
        foreach (var gateway in gateways)
        {
            LogName(logger, gateway.Options.ServerName ?? gateway.ServerId);
            LogId(logger, gateway.ServerId);
        }
    }

    /// What the config loader found in a file the server runs with, as log lines (nats-server
    /// logs "Plaintext passwords detected, use nkeys or bcrypt" as a [WRN] line too).
    public static void Diagnostics(ILogger logger, Natrium.Silo.Mapping.ConfDiagnostics diagnostics)
    {
        foreach (var line in diagnostics.Errors)
        {
            LogConfigError(logger, line);
        }

        foreach (var line in diagnostics.Warnings)
        {
            LogConfigWarning(logger, line);
        }

        foreach (var line in diagnostics.Notices)
        {
            LogConfigNotice(logger, line);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Line}")]
    private static partial void LogConfigError(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Line}")]
    private static partial void LogConfigWarning(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogConfigNotice(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting nats-server")]
    private static partial void LogStarting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "  Version:  {Version}")]
    private static partial void LogVersion(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "  Natrium:  {Version}")]
    private static partial void LogNatrium(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "  Name:     {Name}")]
    private static partial void LogName(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "  ID:       {Id}")]
    private static partial void LogId(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server is ready")]
    public static partial void Ready(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server Exiting..")]
    public static partial void Exiting(ILogger logger);
}
