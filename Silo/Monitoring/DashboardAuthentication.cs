using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Natrium.Gateway.Auth;

namespace Natrium.Silo.Monitoring;

/// HTTP basic auth (RFC 7617) in front of /dashboard and /grainz; the other monitoring
/// endpoints stay open as in nats-server. Both the username and the password are compared in
/// constant time, and both always are, so timing tells neither which one was wrong; the
/// password may be a bcrypt hash. Wrong credentials are logged with the address, never the credentials.
/// A reload replaces the credentials; turning the dashboard on or off needs a restart.
/// The dashboard's page polls its API every second with the same header: with a bcrypt password
/// each poll would cost a bcrypt check (tenths of a second of CPU), so the SHA-256 of the last
/// header that passed is kept, and the same header passes on a constant-time digest compare.
internal sealed partial class DashboardAuthentication(DashboardSettings settings, ILogger<DashboardAuthentication> logger)
{
    private const string Challenge = "Basic realm=\"natrium\", charset=\"UTF-8\"";

    private volatile DashboardSettings _settings = settings;

    /// The header that last passed, as a digest, with the settings it passed under.
    private volatile Accepted? _accepted;

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
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = value.AsSpan(6).Trim();
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var length))
        {
            return false;
        }

        var pair = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var current = _settings;
        var digest = SHA256.HashData(bytes.AsSpan(0, length));
        if (_accepted is { } accepted && ReferenceEquals(accepted.Settings, current) && CryptographicOperations.FixedTimeEquals(accepted.Digest, digest))
        {
            return true;
        }

        var user = SecretComparer.FixedTimeEquals(current.Username!, pair[..colon]);
        var password = SecretComparer.Matches(current.Password, pair[(colon + 1)..]);
        if (user & password)
        {
            _accepted = new Accepted(current, digest);
        }

        return user & password;
    }

    private sealed record Accepted(DashboardSettings Settings, byte[] Digest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard: refused a request from {Address} for {Path}: wrong credentials")]
    private static partial void LogRefused(ILogger logger, string? address, string? path);
}
