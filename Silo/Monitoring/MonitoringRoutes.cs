using Microsoft.AspNetCore.Http;
using Natrium.Gateway.Audit;

namespace Natrium.Silo.Monitoring;

/// nats-server's monitoring paths (spec/monitoring_cluster.md §1), under http_base_path:
/// matched exactly and case-sensitively (no trailing slash), any method served like GET, each
/// counted in /varz http_req_stats as nats-server counts them (not /stacksz or /ipqueuesz).
/// Every other path falls through (the dashboard, /metrics) and ends in nats-server's
/// `404 page not found`. Natrium's own: /authz, the authentication audit trail.
internal sealed class MonitoringRoutes
{
    public const string MetricsPath = "/metrics";

    private readonly Dictionary<string, (RequestDelegate Handle, bool Counted)> _routes = new(StringComparer.Ordinal);
    private readonly MonitoredServer _server;
    private readonly string _prefix;

    public MonitoringRoutes(MonitoredServer server, AuditLogOptions? audit, Microsoft.Extensions.Logging.ILogger logger)
    {
        _server = server;
        _prefix = server.Http.Prefix;
        var gateways = server.Gateways;
        Add("/", context => IndexPage.WriteAsync(context, _prefix));
        Add("/varz", context => MonitoringResponse.WriteAsync(context, (q, w) => Varz.WriteAsync(server, q, w)));
        Add("/connz", context => MonitoringResponse.WriteAsync(context, (q, w) => ConnzAsync(gateways, q, w, logger)));
        Add("/subsz", context => MonitoringResponse.WriteAsync(context, (q, w) => Subsz.Write(gateways, q, w)));
        Add("/subscriptionsz", context => MonitoringResponse.WriteAsync(context, (q, w) => Subsz.Write(gateways, q, w)));
        Add("/accountz", context => MonitoringResponse.WriteAsync(context, (q, w) => Accountz.Write(gateways, server.Started, q, w)));
        Add("/accstatz", context => MonitoringResponse.WriteAsync(context, (q, w) => Accstatz.Write(gateways, q, w)));
        Add("/routez", context => MonitoringResponse.WriteAsync(context, (q, w) => Topologyz.WriteRoutez(gateways, q, w)));
        Add("/gatewayz", context => MonitoringResponse.WriteAsync(context, (q, w) => Topologyz.WriteGatewayz(gateways, q, w)));
        Add("/leafz", context => MonitoringResponse.WriteAsync(context, (q, w) => Topologyz.WriteLeafz(gateways, q, w)));
        Add("/jsz", context => MonitoringResponse.WriteAsync(context, (q, w) => Jsz.WriteAsync(server.First, q, w)));
        Add("/healthz", context => Healthz.HandleAsync(gateways, context));
        Add("/stacksz", Stacksz.WriteAsync, counted: false);
        Add("/ipqueuesz", context => MonitoringResponse.WriteAsync(context, (q, w) => Ipqueuesz.Write(q, w)), counted: false);
        Add("/authz", context => Authz.Get(context.Request, audit).ExecuteAsync(context));
    }

    /// The full path of an endpoint (with http_base_path).
    public string PathOf(string endpoint) => endpoint == "/" ? (_prefix.Length == 0 ? "/" : _prefix) : _prefix + endpoint;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return next(context);
        }

        var endpoint = path.Length == _prefix.Length ? "/" : path[_prefix.Length..];
        if (_routes.TryGetValue(endpoint, out var route) && (endpoint != "/" || _prefix.Length == 0 || path == _prefix))
        {
            if (route.Counted)
            {
                _server.Requests.Count(endpoint);
            }

            return route.Handle(context);
        }

        if (endpoint == MetricsPath)
        {
            _server.Requests.Count(endpoint);
        }

        return next(context);
    }

    /// Go's http.NotFound, which nats-server answers any other path with.
    public static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync("404 page not found\n");
    }

    /// `cluster=true` (Natrium's own) gathers every node's connections; else this process's.
    private static Task ConnzAsync(Natrium.Gateway.Hosting.GatewayNode[] gateways, MonitoringQuery query, System.Text.Json.Utf8JsonWriter w, Microsoft.Extensions.Logging.ILogger logger)
    {
        if (query.Bool("cluster"))
        {
            return ClusterConnz.WriteAsync(gateways, query, w, logger);
        }

        Connz.Write(gateways, query, w);
        return Task.CompletedTask;
    }

    private void Add(string endpoint, RequestDelegate handle, bool counted = true) => _routes[endpoint] = (handle, counted);
}
