using System.Text;
using Microsoft.AspNetCore.Connections;

namespace Natrium.Silo.Monitoring;

/// A plain HTTP request on the https monitoring port gets Go's net/http answer, which
/// nats-server's https monitor gives (spec/monitoring_cluster.md §9, verified on 2.9.10):
/// `HTTP/1.0 400 Bad Request` with one line of text, then the connection is closed. Runs before
/// the TLS layer and only peeks: a TLS handshake passes on untouched.
internal static class PlainHttpOnHttps
{
    private const string Answer = "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n";

    // Go's tlsRecordHeaderLooksLikeHTTP: the first five bytes of a TLS record header that are
    // in fact the start of an HTTP request.
    private static readonly string[] HttpStarts = ["GET /", "HEAD ", "POST ", "PUT /", "OPTIO"];

    // Kestrel's default TLS handshake timeout: a connection that sends nothing is not kept longer.
    private static readonly TimeSpan FirstBytesTimeout = TimeSpan.FromSeconds(10);

    public static async Task HandleAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var start = await PeekAsync(connection);
        if (start is null)
        {
            return;
        }

        if (HttpStarts.Contains(start, StringComparer.Ordinal))
        {
            await connection.Transport.Output.WriteAsync(Encoding.ASCII.GetBytes(Answer));
            return;
        }

        await next(connection);
    }

    // The first five bytes (fewer if the peer stops), left unread; null on timeout or close.
    private static async Task<string?> PeekAsync(ConnectionContext connection)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(FirstBytesTimeout);
        var input = connection.Transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token);
                var buffer = result.Buffer;
                if (buffer.Length >= 5 || result.IsCompleted)
                {
                    var start = Encoding.ASCII.GetString(buffer.Slice(0, Math.Min(5, buffer.Length)));
                    input.AdvanceTo(buffer.Start);
                    return start;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
