using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Natrium.Gateway.WebSockets;

/// The checks nats-server 2.9.10 makes on an upgrade request, in its order (websocket.go
/// wsUpgrade, RFC 6455 §4.2.1), each with its status; the reason goes to the log only.
internal static class WebsocketUpgrade
{
    public readonly record struct Refusal(int Status, string Reason);

    public static Refusal? Check(HttpRequest request, WebsocketOriginPolicy origins)
    {
        if (!HttpMethods.IsGet(request.Method))
        {
            return new(StatusCodes.Status405MethodNotAllowed, "request method must be GET");
        }

        if (!request.Host.HasValue)
        {
            return new(StatusCodes.Status400BadRequest, "'Host' missing in request");
        }

        if (!HeaderContains(request.Headers.Upgrade, "websocket"))
        {
            return new(StatusCodes.Status400BadRequest, "invalid value for header 'Upgrade'");
        }

        if (!HeaderContains(request.Headers.Connection, "Upgrade"))
        {
            return new(StatusCodes.Status400BadRequest, "invalid value for header 'Connection'");
        }

        if (StringValues.IsNullOrEmpty(request.Headers.SecWebSocketKey))
        {
            return new(StatusCodes.Status400BadRequest, "key missing");
        }

        if (!HeaderContains(request.Headers.SecWebSocketVersion, "13"))
        {
            return new(StatusCodes.Status400BadRequest, "invalid version");
        }

        var origin = request.Headers.Origin.ToString() is { Length: > 0 } o ? o : request.Headers["Sec-WebSocket-Origin"].ToString();
        return origins.Refusal(origin, request.Host.Value, request.IsHttps) is { } why
            ? new(StatusCodes.Status403Forbidden, "origin not allowed: " + why)
            : null;
    }

    /// Whether the client offered permessage-deflate (nats-server looks for the name only).
    public static bool OffersCompression(HttpRequest request) =>
        request.Headers.SecWebSocketExtensions.Any(list => list is not null && list.Split(',').Any(e => e.Split(';')[0].Trim().Equals("permessage-deflate", StringComparison.OrdinalIgnoreCase)));

    /// Go's http.Error as nats-server sends it: the status text and a newline, plain text.
    public static async Task RefuseAsync(HttpResponse response, int status)
    {
        response.StatusCode = status;
        response.Headers["Sec-Websocket-Version"] = "13";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.ContentType = "text/plain; charset=utf-8";
        var body = System.Text.Encoding.UTF8.GetBytes(ReasonPhrases.GetReasonPhrase(status) + "\n");
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }

    /// A comma-separated token list containing value (case-insensitive), as wsHeaderContains.
    private static bool HeaderContains(StringValues values, string value) =>
        values.Any(v => v is not null && v.Split(',').Any(t => t.Trim(' ', '\t').Equals(value, StringComparison.OrdinalIgnoreCase)));
}
