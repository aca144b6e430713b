using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natrium.Gateway.Hosting;
using Orleans.Configuration;
using GatewayOptions = Natrium.Gateway.Hosting.GatewayOptions;

namespace Natrium.Silo.Hosting;

/// The embedded default: one process with a silo on localhost clustering and a co-hosted
/// gateway (tests add more than one). Orleans' own chatter is kept at warnings unless tracing is on.
internal static class NatriumHost
{
    public static IHost Build(IReadOnlyList<GatewayOptions> gateways, LogLevel level)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy/MM/dd HH:mm:ss.ffffff ";
        });
        builder.Logging.SetMinimumLevel(level);
        builder.Logging.AddFilter("Orleans", level == LogLevel.Trace ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: EmbeddedSiloPorts.FreeLoopbackPort(), gatewayPort: 0);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "natrium";
                o.ServiceId = "natrium";
            });
            foreach (var gateway in gateways)
            {
                silo.AddNatsGateway(gateway);
            }
        });

        return builder.Build();
    }
}
