using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Natrium.Silo.Monitoring;

/// How nats-server answers a monitoring request (spec/monitoring_cluster.md §1): JSON indented
/// by two spaces as application/json, `?callback=cb` wraps it as JSONP, and a bad option is 400
/// text/plain with the error's one line and no newline.
internal static class MonitoringResponse
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        // Go's encoder writes µ and other non-ASCII characters as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// Runs body against the request's query and writes its JSON, or 400 with the error.
    public static Task WriteAsync(HttpContext context, Action<MonitoringQuery, Utf8JsonWriter> body) =>
        WriteAsync(context, (query, writer) =>
        {
            body(query, writer);
            return Task.CompletedTask;
        });

    /// The same for an endpoint that asks grains first (/varz and /jsz with JetStream).
    public static async Task WriteAsync(HttpContext context, Func<MonitoringQuery, Utf8JsonWriter, Task> body)
    {
        var query = new MonitoringQuery(context.Request.Query);
        var buffer = new ArrayBufferWriter<byte>(1024);
        try
        {
            await using var writer = new Utf8JsonWriter(buffer, Indented);
            await body(query, writer);
        }
        catch (MonitoringQueryException e)
        {
            await WriteErrorAsync(context, e.Message);
            return;
        }

        await WriteJsonAsync(context, buffer.WrittenMemory, query.Text("callback"));
    }

    public static async Task WriteJsonAsync(HttpContext context, ReadOnlyMemory<byte> json, string callback)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        if (callback.Length == 0)
        {
            response.ContentType = "application/json";
            await response.Body.WriteAsync(json);
            return;
        }

        response.ContentType = "application/javascript";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(callback + "("));
        await response.Body.WriteAsync(json);
        await response.Body.WriteAsync(")"u8.ToArray());
    }

    public static Task WriteErrorAsync(HttpContext context, string error)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(error);
    }

    /// A time as Go's RFC 3339 with nanoseconds: UTC, "Z", fraction without trailing zeros.
    public static void WriteTime(this Utf8JsonWriter w, string name, DateTimeOffset time) => w.WriteString(name, time.UtcDateTime);
}
