using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Natrium.Silo.Monitoring;

/// HTTP basic auth (RFC 7617, checked by BasicCredentials) in front of /dashboard and /grainz;
/// the other monitoring endpoints have their own, optional, http_auth (MonitoringAuthentication).
/// Wrong credentials are logged with the address, never the credentials.
/// A reload replaces the credentials; turning the dashboard on or off needs a restart.
internal sealed partial class DashboardAuthentication(DashboardSettings settings, ILogger<DashboardAuthentication> logger)
{
    private const string Challenge = "Basic realm=\"natrium\", charset=\"UTF-8\"";

    private volatile DashboardSettings _settings = settings;

    private readonly BasicCredentials _credentials = new();

    /// Applies reloaded settings; returns why not when they would turn the dashboard off.
    public string? Reload(DashboardSettings next)
    {
        if (!next.IsOn)
        {
            return "dashboard: turning it off needs a restart; the running credentials stay";
        }

        _settings = next;
        return null;
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(DashboardEndpoints.DashboardPath) && !path.StartsWithSegments(DashboardEndpoints.GrainzPath))
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization;
        if (IsAuthorized(header))
        {
            return next(context);
        }

        // A browser asks without credentials first: only a wrong answer is worth a warning.
        if (header.Count > 0)
        {
            LogRefused(logger, context.Connection.RemoteIpAddress?.ToString(), path.Value);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = Challenge;
        return Task.CompletedTask;
    }

    private bool IsAuthorized(StringValues header)
    {
        var current = _settings;
        return _credentials.IsAuthorized(header, current, current.Username!, current.Password);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: refused a request from {Address} for {Path}: wrong credentials")]
    private static partial void LogRefused(ILogger logger, string? address, string? path);
}
