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
    /// diagnostics: what loading the config file found, logged after the start-up banner.
    public static IHost Build(ServerOptions options, CommandLineOptions? cli = null, Mapping.ConfDiagnostics? diagnostics = null)
    {
        var notes = new StartupNotes(cli?.ConfigFile, diagnostics ?? new Mapping.ConfDiagnostics());
        if (options.Monitoring.Enabled)
        {
            return MonitoringHost.Build(options, (builder, configuration) => Configure(builder, configuration, options, cli, notes));
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder, builder.Configuration, options, cli, notes);
        return builder.Build();
    }

    private static void Configure(IHostApplicationBuilder builder, ConfigurationManager configuration, ServerOptions options, CommandLineOptions? cli, StartupNotes notes)
    {
        builder.Services.AddSingleton(notes);
        // One sink in nats-server's format (LogSink), which a config reload may replace.
        builder.Logging.ClearProviders();
        var sink = new SwitchableLoggerProvider(LogSink.Create(options));
        builder.Logging.AddProvider(sink);
        builder.Services.AddSingleton(sink);
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
            // Orleans sizes its grain-location caches for a million grains up front (18 MiB on
            // an idle node); a node holds a few per account and shard, so 100,000 is ample.
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = 100_000);
            var shared = options.Cluster is not null;
            silo.AddAccountPlacement();
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
