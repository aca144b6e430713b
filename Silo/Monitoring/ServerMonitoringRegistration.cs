using Microsoft.Extensions.Hosting;

namespace Natrium.Silo.Monitoring;

/// Gives every gateway the monitoring endpoints for `$SYS.REQ.SERVER.…` requests, whether or
/// not an HTTP monitoring port is open (nats-server answers them either way), and its share of
/// another node's cluster-wide /connz.
internal sealed class ServerMonitoringRegistration(MonitoredServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var gateway in server.Gateways)
        {
            var own = server.For(gateway);
            gateway.ServerMonitoring = (node, endpoint, options, account) => ServerMonitoringRequests.Answer(own, endpoint, options, account);
            gateway.ConnzPart = query => Connz.Part(gateway, ConnzOptions.FromPartQuery(query));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
