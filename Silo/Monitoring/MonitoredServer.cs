using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// What an endpoint reports on: the gateways (all of the process's over HTTP, one for a
/// `$SYS.REQ.SERVER.…` request), when the process started, its HTTP listener's settings and
/// request counts, and the process's options (JetStream, operators).
internal sealed record MonitoredServer(GatewayNode[] Gateways, DateTimeOffset Started, MonitoringOptions Http, HttpRequestStats Requests, Hosting.ServerOptions Options)
{
    public GatewayNode First => Gateways[0];
}
