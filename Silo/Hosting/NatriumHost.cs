using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natrium.Silo.Cli;
using Natrium.Silo.Monitoring;
using Orleans.Configuration;

using Natrium.Silo.Cluster;

namespace Natrium.Silo.Hosting;

/// The embedded default: one process with a silo on localhost clustering and a co-hosted
/// gateway (tests add more than one). Orleans' own chatter is kept at warnings unless tracing is on.
internal static class NatriumHost
{
    public static IHost Build(ServerOptions options, CommandLineOptions? cli = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (options.LogFile is not null)
        {
            builder.Logging.AddProvider(new FileLoggerProvider(options.LogFile));
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy/MM/dd HH:mm:ss.ffffff ";
            });
        }
        builder.Configuration.AddInMemoryCollection([new(LogLevelSwitch.Key, options.LogLevel.ToString())]);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddFilter("Orleans", options.LogLevel == LogLevel.Trace ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

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
        });

        // Registered after the silo, so they start once it is active and the gateways listen.
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Monitoring);
        builder.Services.AddSingleton<MonitoringServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MonitoringServer>());
        builder.Services.AddHostedService<PortsFile>();
        builder.Services.AddSingleton(new LogLevelSwitch(builder.Configuration));
        builder.Services.AddSingleton(cli ?? new CommandLineOptions());
        builder.Services.AddSingleton<ConfigReloader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConfigReloader>());
        builder.Services.AddHostedService<LameDuck.LameDuckMode>();
        return builder.Build();
    }
}
