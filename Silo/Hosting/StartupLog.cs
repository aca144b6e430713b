using Microsoft.Extensions.Logging;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Protocol;

namespace Natrium.Silo.Hosting;

/// nats-server 2.9.10's start-up and exit lines (server.go Start, main.go), with its wording and
/// column layout, since operators and test harnesses grep for them: "Starting nats-server",
/// "  Version:  2.9.10", "  Name:     …", "  ID:       …", "Listening for client connections on …"
/// (GatewayNode), "Server is ready", "Initiating Shutdown...", "Server Exiting..". Its "  Git:" line is replaced by
/// "  Natrium:  v…", Natrium's own version.
internal static partial class StartupLog
{
    private static readonly string Own = "v" + (typeof(StartupLog).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    /// Before the ports open; one Name/ID pair per co-hosted gateway, then what the config
    /// file's loading found and the file, in nats-server's order ("Plaintext passwords
    /// detected, use nkeys or bcrypt" is a [WRN] line after the ID there too).
    public static void Banner(ILogger logger, IEnumerable<GatewayNode> gateways, StartupNotes? notes)
    {
        LogStarting(logger);
        LogVersion(logger, ServerInfo.CompatibleVersion);
        LogNatrium(logger, Own);
        foreach (var gateway in gateways)
        {
            LogName(logger, gateway.Options.ServerName ?? gateway.ServerId);
            LogId(logger, gateway.ServerId);
        }

        if (notes is null)
        {
            return;
        }

        foreach (var line in notes.Diagnostics.Warnings.Concat(notes.Diagnostics.StartWarnings))
        {
            LogConfigWarning(logger, line);
        }

        foreach (var line in notes.Diagnostics.Notices)
        {
            LogConfigNotice(logger, line);
        }

        if (notes.ConfigFile is { } file)
        {
            LogConfigFile(logger, file);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Line}")]
    private static partial void LogConfigWarning(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogConfigNotice(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using configuration file: {File}")]
    private static partial void LogConfigFile(ILogger logger, string file);

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

    /// Any stop: a signal, lame duck's end, --signal stop.
    [LoggerMessage(Level = LogLevel.Information, Message = "Initiating Shutdown...")]
    public static partial void ShuttingDown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server Exiting..")]
    public static partial void Exiting(ILogger logger);
}

/// What the start-up banner tells beside the server's names: the config file and what its
/// loading found.
internal sealed record StartupNotes(string? ConfigFile, Natrium.Silo.Mapping.ConfDiagnostics Diagnostics);
