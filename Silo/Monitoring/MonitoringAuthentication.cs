using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Natrium.Silo.Monitoring;

/// http_auth in front of every monitoring path but the dashboard's (which has its own login):
/// basic credentials (BasicCredentials) or a bearer token, both compared in constant time.
/// Refused requests get 401 with a challenge and no body, and are logged with the address,
/// never what was sent. A config reload replaces the settings (Reload): each request reads them
/// once, so from the moment Reload returns every request is checked against the new ones only
/// (and a header that passed under the old ones is forgotten, BasicCredentials). Null or off:
/// the endpoints are open, as in nats-server.
internal sealed partial class MonitoringAuthentication(HttpAuthSettings? settings, ILogger logger)
{
    private readonly BasicCredentials _credentials = new();

    private volatile HttpAuthSettings? _settings = settings;

    /// Applies reloaded http_auth settings (null: none).
    public void Reload(HttpAuthSettings? next) => _settings = next;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        var settings = _settings;
        if (settings is not { IsOn: true } || path.StartsWithSegments(DashboardEndpoints.DashboardPath) || path.StartsWithSegments(DashboardEndpoints.GrainzPath))
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization;
        // Both checks always run, so timing does not tell which kind was configured or tried.
        var basic = settings.HasBasic && _credentials.IsAuthorized(header, settings, settings.Username!, settings.Password);
        var bearer = settings.HasToken && BasicCredentials.IsBearer(header, settings.Token!);
        if (basic | bearer)
        {
            return next(context);
        }

        if (header.Count > 0)
        {
            LogRefused(logger, context.Connection.RemoteIpAddress?.ToString(), path.Value);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = settings.HasBasic ? "Basic realm=\"natrium\", charset=\"UTF-8\"" : "Bearer realm=\"natrium\"";
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitoring: refused a request from {Address} for {Path}: wrong credentials")]
    private static partial void LogRefused(ILogger logger, string? address, string? path);
}
