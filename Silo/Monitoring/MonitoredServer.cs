using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// What an endpoint reports on: the gateways (all of the process's over HTTP, one for a
/// `$SYS.REQ.SERVER.…` request), when the process started, its HTTP listener's settings and
/// request counts.
internal sealed class MonitoredServer(GatewayNode[] gateways, DateTimeOffset started, MonitoringOptions http, HttpRequestStats requests, MonitoredServer? whole = null)
{
    private int _httpPort;

    public GatewayNode[] Gateways => gateways;

    public GatewayNode First => gateways[0];

    public DateTimeOffset Started => started;

    public MonitoringOptions Http => http;

    public HttpRequestStats Requests => requests;

    /// The monitoring listener's bound port (the real one when configured as -1), once listening.
    public int HttpPort
    {
        get => whole?.HttpPort ?? Volatile.Read(ref _httpPort);
        set => Volatile.Write(ref _httpPort, value);
    }

    /// The same process seen from one of its gateways.
    public MonitoredServer For(GatewayNode gateway) => new([gateway], started, http, requests, whole ?? this);
}
