using System.Text.Json;
using Natrium.Gateway.Hosting;

namespace Natrium.Silo.Monitoring;

/// GET /healthz with nats-server 2.9.10's options (spec/monitoring_cluster.md §2):
/// js-enabled-only, js-server-only and the deprecated js-enabled are decoded (a bad value is
/// 400), and the answer is compact `{"status":"ok"}` once every gateway accepts clients. The
/// listener starts just before the client ports open (ClientPortsOpening), as nats-server's
/// monitor does: until they do, and once a listener is gone (lame duck), it is 503 with
/// nats-server's error.
internal static class Healthz
{
    /// nats-server 2.9.10's error while its client listener is closed (lame duck), over HTTP
    /// and $SYS alike: readyForConnections(1ms) names the check that failed, "server" (probed).
    public const string NotReady = "failed to be ready for connections after 1ms: server";

    public static async Task HandleAsync(GatewayNode[] gateways, Microsoft.AspNetCore.Http.HttpContext context)
    {
        var query = new MonitoringQuery(context.Request.Query);
        try
        {
            _ = query.Bool("js-enabled-only");
            _ = query.Bool("js-enabled");
            _ = query.Bool("js-server-only");
        }
        catch (MonitoringQueryException e)
        {
            await MonitoringResponse.WriteErrorAsync(context, e.Message);
            return;
        }

        var accepting = gateways.All(g => g.IsAcceptingClients);
        if (!accepting)
        {
            // nats-server writes the status before its header: text/plain with a JSON body.
            context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(accepting
            ? new Dictionary<string, string> { ["status"] = "ok" }
            : new Dictionary<string, string> { ["status"] = "error", ["error"] = NotReady });
        if (accepting)
        {
            await MonitoringResponse.WriteJsonAsync(context, json, query.Text("callback"));
            return;
        }

        await context.Response.Body.WriteAsync(json);
    }
}
