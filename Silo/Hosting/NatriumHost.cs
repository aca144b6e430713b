using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natrium.Silo.Cli;
using Natrium.Silo.Cluster;
using Natrium.Silo.Monitoring;
using Orleans.Configuration;

namespace Natrium.Silo.Hosting;

/// The embedded default: one process with a silo on localhost clustering and a co-hosted
/// gateway (tests add more than one). Orleans' own chatter is kept at warnings unless tracing is on.
/// With a monitoring port the same silo runs inside a web host (MonitoringHost), so the HTTP
/// endpoints and the dashboard share its services; without one, nothing of ASP.NET is started.
internal static class NatriumHost
{
    public static IHost Build(ServerOptions options, CommandLineOptions? cli = null)
    {
        if (options.Monitoring.Enabled)
        {
            return MonitoringHost.Build(options, (builder, configuration) => Configure(builder, configuration, options, cli));
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder, builder.Configuration, options, cli);
        return builder.Build();
    }

    private static void Configure(IHostApplicationBuilder builder, ConfigurationManager configuration, ServerOptions options, CommandLineOptions? cli)
    {
        // nats-server's line format on stderr, or in the log file (NatsLogFormatter); else
        // syslog, remote first. One sink, chosen in nats-server's order.
        builder.Logging.ClearProviders();
        var format = new NatsLogFormatterOptions { LogTime = options.LogTime, UseUtcTimestamp = options.LogTimeUtc };
        if (options.LogFile is not null)
        {
            var file = new FileLoggerProvider(options.LogFile, options.LogSizeLimit, new NatsLogFormatter(format, TimeProvider.System)) { MaxFiles = options.LogMaxFiles };
            builder.Logging.AddProvider(file);
            builder.Services.AddSingleton(file);
        }
        else if (options.RemoteSyslog is not null || options.Syslog)
        {
            var target = options.RemoteSyslog is { } remote ? SyslogTarget.ParseRemote(remote).Target! : SyslogTarget.Local();
            builder.Logging.AddProvider(new SyslogLoggerProvider(target));
        }
        else
        {
            builder.Logging.AddConsole(o =>
            {
                o.FormatterName = NatsLogFormatter.FormatterName;
                o.LogToStandardErrorThreshold = LogLevel.Trace;
            });
            builder.Logging.AddConsoleFormatter<NatsLogFormatter, NatsLogFormatterOptions>(o =>
            {
                o.LogTime = format.LogTime;
                o.UseUtcTimestamp = format.UseUtcTimestamp;
            });
        }
        configuration.AddInMemoryCollection([new(LogLevelSwitch.Key, options.LogLevel.ToString())]);
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddFilter("Orleans", options.LogLevel == LogLevel.Trace ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        if (options.AuditLog is { } audit)
        {
            // One writer for the whole process; the container disposes it after the gateways stop.
            builder.Services.AddSingleton(sp => new Natrium.Gateway.Audit.AuthAuditLog(audit, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Natrium.Audit")));
        }

        builder.UseOrleans(silo =>
        {
            silo.AddMembership(options.Cluster);
            var shared = options.Cluster is not null;
            silo.AddAccountResolver(options.Operators ?? options.Gateways.Select(g => g.Operators).FirstOrDefault(o => o is not null), shared);
            silo.AddJetStream(options.JetStreamConfig ?? options.Gateways.Select(g => g.JetStream).FirstOrDefault(j => j is not null), options.StoreKeyring,
                [.. options.Gateways.SelectMany(g => g.JetStreamAccounts?.Keys ?? []).Distinct()], shared);
            foreach (var gateway in options.Gateways)
            {
                silo.AddNatsGateway(gateway);
            }

            if (options.Monitoring.Enabled && options.Dashboard.IsOn)
            {
                silo.AddNatriumDashboard();
            }
        });

        // Registered after the silo, so they start once it is active and the gateways listen.
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<PortsFile>();
        builder.Services.AddSingleton(sp => new MonitoredServer(
            [.. sp.GetServices<Natrium.Gateway.Hosting.GatewayNode>()], DateTimeOffset.UtcNow, options.Monitoring, new HttpRequestStats()));
        builder.Services.AddHostedService<Monitoring.ServerMonitoringRegistration>();
        builder.Services.AddSingleton(new LogLevelSwitch(configuration));
        builder.Services.AddSingleton(cli ?? new CommandLineOptions());
        builder.Services.AddSingleton<ConfigReloader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConfigReloader>());
        builder.Services.AddHostedService<LameDuck.LameDuckMode>();
    }
}
