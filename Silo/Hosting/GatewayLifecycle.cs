using Microsoft.Extensions.Logging;
using Orleans.Runtime;

using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Hosting;

/// Ties the co-hosted gateways to the silo's lifecycle: ports are bound early (so a busy port
/// fails start-up before the silo joins) and opened to clients only once the silo is active;
/// nats-server's start-up lines bracket the opening: the banner at bind, "Server is ready" once
/// every gateway listens (StartupLog), which with a monitoring listener is after it is up
/// (ClientPortsOpening). On shutdown clients are closed while grains can still be reached.
internal sealed class GatewayLifecycle(IEnumerable<GatewayNode> gateways, ClientPortsOpening opening, IServiceProvider services, ILogger<GatewayLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(GatewayLifecycle) + ".Bind", ServiceLifecycleStage.RuntimeInitialize, BindAsync);
        lifecycle.Subscribe(nameof(GatewayLifecycle), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    private Task BindAsync(CancellationToken cancellation)
    {
        StartupLog.Banner(logger, gateways, services.GetService(typeof(StartupNotes)) as StartupNotes);
        foreach (var gateway in gateways)
        {
            gateway.Bind();
        }

        return Task.CompletedTask;
    }

    private async Task StartAsync(CancellationToken cancellation)
    {
        await Task.WhenAll(gateways.Select(g => g.PrepareAsync()));
        UnusedHeap.ReleaseAtStart(logger);
        await opening.ScheduleAsync(async () =>
        {
            await Task.WhenAll(gateways.Select(g => g.OpenAsync()));
            StartupLog.Ready(logger);
        });
    }

    private Task StopAsync(CancellationToken cancellation) => Task.WhenAll(gateways.Select(g => g.StopAsync()));
}
