using System.Globalization;
using System.Text;
using Natrium.Grains.Streams.Store;

namespace Natrium.Grains.Streams.Api;

/// DIRECT.GET (spec/jetstream.md §2.7, server/stream.go processDirectGet*, verified on 2.9.10).
/// Only streams with allow_direct subscribe, and a request without reply subject is dropped;
/// both are the caller's silence. Answers are a message or a header-only status to the reply.
internal static class DirectGet
{
    public static byte[] EmptyRequest { get; } = Status("408 Empty Request");
    public static byte[] MalformedRequest { get; } = Status("408 Malformed Request");
    public static byte[] BadRequest { get; } = Status("408 Bad Request");
    public static byte[] NotFound { get; } = Status("404 Message Not Found");

    /// `DIRECT.GET.<stream>` with a MSG.GET body: the request, or the status header block to send.
    /// Empty body or no selector: 408 Empty Request; not JSON: 408 Malformed Request; two
    /// selectors: 408 Bad Request. 2.9.10 ignores `batch`.
    public static (MsgGetRequest? Request, byte[]? Status) Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, EmptyRequest);
        }

        if (!JsJson.TryRead(body, out MsgGetRequest request))
        {
            return (null, MalformedRequest);
        }

        return request.IsEmpty ? (null, EmptyRequest)
            : request.HasOneSelector ? (request, null)
            : (null, BadRequest);
    }

    /// `DIRECT.GET.<stream>.<subject…>`: the last message on that subject (wildcards allowed);
    /// any body is 408 Bad Request.
    public static (MsgGetRequest? Request, byte[]? Status) ParseLastBySubject(JsApiRequest subject, ReadOnlySpan<byte> body) =>
        body.IsEmpty && subject.Subject.Length > 0
            ? (new MsgGetRequest { LastBySubject = subject.Subject }, null)
            : (null, BadRequest);

    /// The header block of the answer: the stored headers (or `NATS/1.0`), then Nats-Stream,
    /// Nats-Subject, Nats-Sequence and Nats-Time-Stamp, as 2.9.10 appends them. The payload is
    /// the stored data.
    public static byte[] Headers(StoredMessage message, string stream)
    {
        // Keep the stored block byte for byte, less its final CRLF; the added lines end it again.
        var stored = message.Headers.Length > 2 ? message.Headers.Span[..^2] : "NATS/1.0\r\n"u8;
        byte[] added = Encoding.UTF8.GetBytes(
            "Nats-Stream: " + stream + "\r\n"
            + "Nats-Subject: " + message.Subject + "\r\n"
            + "Nats-Sequence: " + message.Sequence.ToString(CultureInfo.InvariantCulture) + "\r\n"
            + "Nats-Time-Stamp: " + JsTime.Format(message.TimestampNanos) + "\r\n\r\n");
        return [.. stored, .. added];
    }

    private static byte[] Status(string status) => Encoding.ASCII.GetBytes("NATS/1.0 " + status + "\r\n\r\n");
}
