using Orleans.Runtime;

using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Hosting;

/// Ties the co-hosted gateways to the silo's lifecycle: ports are bound early (so a busy port
/// fails start-up before the silo joins) and opened to clients only once the silo is active;
/// on shutdown clients are closed while grains can still be reached.
internal sealed class GatewayLifecycle(IEnumerable<GatewayNode> gateways) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(GatewayLifecycle) + ".Bind", ServiceLifecycleStage.RuntimeInitialize, BindAsync);
        lifecycle.Subscribe(nameof(GatewayLifecycle), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    private Task BindAsync(CancellationToken cancellation)
    {
        foreach (var gateway in gateways)
        {
            gateway.Bind();
        }

        return Task.CompletedTask;
    }

    private Task StartAsync(CancellationToken cancellation) => Task.WhenAll(gateways.Select(g => g.StartAsync()));

    private Task StopAsync(CancellationToken cancellation) => Task.WhenAll(gateways.Select(g => g.StopAsync()));
}
