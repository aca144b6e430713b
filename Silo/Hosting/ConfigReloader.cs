using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natrium.Gateway.Hosting;
using Natrium.Grains.Streams.Encryption;
using Natrium.Silo.Cli;
using Natrium.Silo.Conf;
using Natrium.Silo.LameDuck;

namespace Natrium.Silo.Hosting;

/// SIGHUP re-reads the config file and applies what nats-server applies on reload: limits and
/// logging (level, trace options and where the log goes) now; the listen address stays. An invalid file is rejected and the running
/// configuration stays, with the errors logged. Encryption keys change online (KeyRotation).
internal sealed partial class ConfigReloader(
    CommandLineOptions cli,
    ServerOptions running,
    IEnumerable<GatewayNode> gateways,
    LogLevelSwitch logLevel,
    Natrium.Grains.Accounts.OperatorMode operatorMode,
    IServiceProvider services,
    ILogger<ConfigReloader> logger) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;
    /// The options the current log sink was built from, once a reload replaced it.
    private ServerOptions? _logging;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            Reload();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration?.Dispose();

    /// Returns whether the new configuration was applied. Without a config file there is
    /// nothing to re-read: refused with nats-server's error.
    public bool Reload()
    {
        if (cli.ConfigFile is not { } file)
        {
            LogRejected(logger, "can only reload config when a file is provided using -c or --config");
            return false;
        }

        var (options, diagnostics) = ServerOptionsLoader.Load(cli);
        if (options is null)
        {
            LogRejected(logger, string.Join("; ", diagnostics.Errors));
            return false;
        }

        // Switching between config mode and operator mode needs a restart, as in nats-server.
        if ((options.Operators is null) != (operatorMode.Trust is null))
        {
            LogRejected(logger, "config reload not supported for switching between operator mode and config mode");
            return false;
        }

        if (LameDuckChange(running.LameDuck, options.LameDuck) is { } lameDuck)
        {
            LogRejected(logger, lameDuck);
            return false;
        }

        var nodes = gateways.ToArray();
        for (var i = 0; i < nodes.Length && i < options.Gateways.Count; i++)
        {
            if (nodes[i].UnsupportedReload(options.Gateways[i]) is { } unsupported)
            {
                LogRejected(logger, unsupported);
                return false;
            }
        }

        operatorMode.Trust = options.Operators;
        var rewired = new List<Task>();
        for (var i = 0; i < nodes.Length && i < options.Gateways.Count; i++)
        {
            rewired.Add(nodes[i].Reload(options.Gateways[i]));
        }

        // New encryption keys apply to what is sealed from now on; KeyRotation reseals the rest.
        if (options.StoreKeyring is { } keyring && services.GetService(typeof(StoreKeys)) is StoreKeys keys)
        {
            keys.Replace(keyring);
        }

        // Monitoring listens where it started; http_auth and the dashboard's credentials change,
        // as users' do.
        if (services.GetService(typeof(Monitoring.MonitoringAuthentication)) is Monitoring.MonitoringAuthentication monitoringAuth)
        {
            monitoringAuth.Reload(options.Monitoring.Auth);
        }

        if (services.GetService(typeof(Monitoring.DashboardAuthentication)) is Monitoring.DashboardAuthentication dashboard)
        {
            if (dashboard.Reload(options.Dashboard) is { } refused)
            {
                LogNotApplied(logger, refused);
            }
        }
        else if (options.Dashboard.IsOn)
        {
            LogNotApplied(logger, "dashboard: turning it on needs a restart");
        }

        // The audit log's writer holds its file open; where and how it rotates is fixed at start.
        if (options.AuditLog != running.AuditLog)
        {
            LogNotApplied(logger, "audit_log: changing it needs a restart");
        }

        ReloadLogSink(options);
        logLevel.Set(options.LogLevel);
        _ = LogWhenRewiredAsync(file, Task.WhenAll(rewired));
        return true;
    }

    /// As nats-server's, the line says the new configuration is in effect, imports and exports
    /// included, so it waits for the account grains (a reload that changed no account's
    /// exports or imports makes no grain call: AccountRewiring). The memory the reload used is
    /// then returned to the OS where that is quick (UnusedHeap).
    private async Task LogWhenRewiredAsync(string file, Task rewired)
    {
        await rewired;
        LogReloaded(logger, file);
        UnusedHeap.ReleaseAfterReload(logger);
    }

    /// As nats-server, a changed log_file, syslog, remote_syslog or logtime moves the log to a new
    /// sink. Where nats-server exits when the new syslog cannot be reached, the old sink stays.
    private void ReloadLogSink(ServerOptions next)
    {
        if (services.GetService(typeof(SwitchableLoggerProvider)) is not SwitchableLoggerProvider sink)
        {
            return;
        }

        if (!LogSink.Differs(_logging ?? running, next))
        {
            if (sink.Current is FileLoggerProvider file)
            {
                file.MaxFiles = next.LogMaxFiles;
            }

            return;
        }

        try
        {
            sink.Replace(LogSink.Create(next));
            _logging = next;
        }
        catch (Exception e) when (e is SyslogUnavailableException or IOException or UnauthorizedAccessException)
        {
            LogNotApplied(logger, $"log output not changed: {e.Message}");
        }
    }

    /// nats-server 2.9.10 refuses a reload that changes either lame duck setting, with this text.
    private static string? LameDuckChange(LameDuckOptions old, LameDuckOptions next) =>
        old.Duration != next.Duration ? $"config reload not supported for LameDuckDuration: old={ConfDuration.Format(old.Duration)}, new={ConfDuration.Format(next.Duration)}"
        : old.GracePeriod != next.GracePeriod ? $"config reload not supported for LameDuckGracePeriod: old={ConfDuration.Format(old.GracePeriod)}, new={ConfDuration.Format(next.GracePeriod)}"
        : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed to reload server configuration: {Errors}")]
    private static partial void LogRejected(ILogger logger, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogNotApplied(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded server configuration from {File}")]
    private static partial void LogReloaded(ILogger logger, string file);
}
