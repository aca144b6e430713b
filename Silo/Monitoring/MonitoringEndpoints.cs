using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Natrium.Gateway.Audit;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Protocol;

namespace Natrium.Silo.Monitoring;

/// /varz (the core of it, spec/config.md §4); nats-server's other endpoints are in
/// NatsMonitoringEndpoints. Natrium's own: /authz, the authentication audit trail (Authz).
internal sealed class MonitoringEndpoints(GatewayNode[] gateways, DateTimeOffset started, AuditLogOptions? audit)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/varz", Varz);
        app.MapGet("/authz", (HttpRequest request) => Authz.Get(request, audit));
        NatsMonitoringEndpoints.Map(app, gateways, started);
    }

    private IResult Varz()
    {
        var gateway = gateways[0];
        var o = gateway.Options;
        var now = DateTimeOffset.UtcNow;
        using var process = Process.GetCurrentProcess();
        var varz = new Dictionary<string, object?>
        {
            ["server_id"] = gateway.ServerId,
            ["server_name"] = o.ServerName ?? gateway.ServerId,
            ["version"] = ServerInfo.CompatibleVersion,
            ["proto"] = 1,
            ["go"] = "dotnet" + Environment.Version.Major,
            ["host"] = o.Host,
            ["port"] = gateway.BoundEndPoint?.Port ?? o.Port,
            ["max_connections"] = o.MaxConnections,
            ["ping_interval"] = (long)o.PingInterval.TotalNanoseconds,
            ["ping_max"] = o.PingMax,
            ["max_control_line"] = o.MaxControlLine,
            ["max_payload"] = o.MaxPayload,
            ["max_pending"] = o.MaxPending,
            ["write_deadline"] = (long)o.WriteDeadline.TotalNanoseconds,
            ["start"] = started,
            ["now"] = now,
            ["uptime"] = Uptime(now - started),
            ["mem"] = process.WorkingSet64,
            ["cores"] = Environment.ProcessorCount,
            ["connections"] = gateways.Sum(g => g.ClientCount),
            ["websocket"] = WebsocketVarz.Of(gateway),
        };
        return Results.Json(varz);
    }

    /// nats-server's uptime format: 1d2h3m4s, leading zero units left out.
    private static string Uptime(TimeSpan t)
    {
        var text = string.Empty;
        if (t.Days > 0)
        {
            text += $"{t.Days}d";
        }

        if (t.Days > 0 || t.Hours > 0)
        {
            text += $"{t.Hours}h";
        }

        if (t.Days > 0 || t.Hours > 0 || t.Minutes > 0)
        {
            text += $"{t.Minutes}m";
        }

        return text + $"{t.Seconds}s";
    }
}
