using System.Text;
using Microsoft.AspNetCore.Http;

namespace Natrium.Silo.Monitoring;

/// GET / (or http_base_path itself): an HTML page linking the endpoints, as nats-server's index
/// lists them, in its order and link text, relative to where it is served (`./varz`, or
/// `./nats/varz` under http_base_path /nats, as nats-server writes them). Natrium's page is its
/// own markup, plain, with Natrium's own endpoints (/metrics, /authz) after nats-server's.
internal static class IndexPage
{
    private static readonly (string Path, string Text)[] Links =
    [
        ("varz", "General"), ("jsz", "JetStream"), ("connz", "Connections"), ("accountz", "Accounts"),
        ("accstatz", "Account Stats"), ("subsz", "Subscriptions"), ("routez", "Routes"), ("leafz", "LeafNodes"),
        ("gatewayz", "Gateways"), ("healthz", "Health Probe"), ("metrics", "Metrics (Prometheus)"), ("authz", "Authentication audit"),
    ];

    public static Task WriteAsync(HttpContext context, string prefix)
    {
        var html = new StringBuilder()
            .Append("<html lang=\"en\">\n<head><title>Natrium monitoring</title></head>\n<body>\n")
            .Append("<h1>Natrium</h1>\n<p>NATS server ").Append(Natrium.Gateway.Protocol.ServerInfo.CompatibleVersion).Append(" compatible</p>\n");
        foreach (var (path, text) in Links)
        {
            html.Append("<a href=.").Append(prefix).Append('/').Append(path).Append('>').Append(text).Append("</a><br/>\n");
        }

        html.Append("<a href=https://docs.nats.io/running-a-nats-service/nats_admin/monitoring>Help</a>\n</body>\n</html>");
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html.ToString());
    }
}
