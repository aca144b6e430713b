using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// nats-server's monitoring endpoints beyond /varz (spec/monitoring_cluster.md Part A), each
/// in its own file. Any method is served like GET, as nats-server does.
internal static class NatsMonitoringEndpoints
{
    public static void Map(IEndpointRouteBuilder app, GatewayNode[] gateways, DateTimeOffset started)
    {
        app.Map("/healthz", context => Healthz.HandleAsync(gateways, context));
        app.Map("/connz", context => MonitoringResponse.WriteAsync(context, (q, w) => Connz.Write(gateways, q, w)));
        app.Map("/subsz", context => MonitoringResponse.WriteAsync(context, (q, w) => Subsz.Write(gateways, q, w)));
        app.Map("/subscriptionsz", context => MonitoringResponse.WriteAsync(context, (q, w) => Subsz.Write(gateways, q, w)));
        app.Map("/accountz", context => MonitoringResponse.WriteAsync(context, (q, w) => Accountz.Write(gateways, started, q, w)));
        app.Map("/accstatz", context => MonitoringResponse.WriteAsync(context, (q, w) => Accstatz.Write(gateways, q, w)));
        app.Map("/routez", context => MonitoringResponse.WriteAsync(context, (q, w) => Topologyz.WriteRoutez(gateways, q, w)));
        app.Map("/gatewayz", context => MonitoringResponse.WriteAsync(context, (q, w) => Topologyz.WriteGatewayz(gateways, q, w)));
        app.Map("/leafz", context => MonitoringResponse.WriteAsync(context, (q, w) => Topologyz.WriteLeafz(gateways, q, w)));
    }
}
