using Microsoft.Extensions.Hosting;
using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// Gives every gateway the monitoring endpoints for `$SYS.REQ.SERVER.…` requests, whether or
/// not an HTTP monitoring port is open (nats-server answers them either way).
internal sealed class ServerMonitoringRegistration(IEnumerable<GatewayNode> gateways) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        foreach (var gateway in gateways)
        {
            gateway.ServerMonitoring = (node, endpoint, options, account) => ServerMonitoringRequests.Answer(node, started, endpoint, options, account);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
