using System.Buffers;
using System.IO.Compression;
using System.Text;
using Snappier;

namespace Natrium.Gateway.Monitoring;

/// How a `$SYS.REQ.…<EP>` answer goes out, chosen by the request's `Accept-Encoding` header.
internal enum AnswerEncoding
{
    /// No header, or an empty value: a plain MSG.
    None,
    Gzip,

    /// Snappy's framing format (stream identifier `sNaPpY`, then chunks), as Go's snappy writer.
    Snappy,

    /// A header naming nothing nats-server knows: the body as is, with `Content-Encoding: identity`.
    Identity,
}

/// nats-server 2.9.10's compression of its monitoring answers over the system account
/// (events.go getAcceptEncoding and internalSendLoop; spec/monitoring_cluster.md §8), probed on
/// 127.0.0.1: the header name is matched case-sensitively, as its getHeader does; the value is
/// lowercased and searched for `snappy` or `s2` first (both answered with snappy), then `gzip`;
/// anything else gets `identity`. Only the endpoints' answers are compressed, never an error,
/// statsz (`PING`, `STATSZ`) or the `CONNS` advisory.
internal static class AnswerEncodings
{
    private static readonly byte[] HeaderName = "Accept-Encoding"u8.ToArray();

    /// Reads the header from a request's header block (status line included); called only for
    /// requests this server answers, never on the message path.
    public static AnswerEncoding Of(in ReadOnlySequence<byte> headers)
    {
        if (headers.IsEmpty)
        {
            return AnswerEncoding.None;
        }

        var value = Encoding.Latin1.GetString(HeaderValue(headers.IsSingleSegment ? headers.FirstSpan : headers.ToArray())).ToLowerInvariant();
        if (value.Length == 0)
        {
            return AnswerEncoding.None;
        }

        if (value.Contains("snappy", StringComparison.Ordinal) || value.Contains("s2", StringComparison.Ordinal))
        {
            return AnswerEncoding.Snappy;
        }

        return value.Contains("gzip", StringComparison.Ordinal) ? AnswerEncoding.Gzip : AnswerEncoding.Identity;
    }

    /// nats-server's getHeader: the first occurrence of the name, which must start a line and be
    /// followed by ':' (else no value, even if a later line has it); leading spaces skipped, the
    /// rest of the line kept.
    private static ReadOnlySpan<byte> HeaderValue(ReadOnlySpan<byte> headers)
    {
        var at = headers.IndexOf(HeaderName);
        if (at < 2 || headers[at - 1] != '\n' || headers[at - 2] != '\r')
        {
            return default;
        }

        var rest = headers[(at + HeaderName.Length)..];
        if (rest.IsEmpty || rest[0] != ':')
        {
            return default;
        }

        rest = rest[1..].TrimStart((byte)' ');
        var end = rest.IndexOf("\r\n"u8);
        return end < 0 ? rest : rest[..end];
    }

    /// Whether the body is rewritten (worth a hop off the requester's read loop).
    public static bool Compresses(this AnswerEncoding encoding) => encoding is AnswerEncoding.Gzip or AnswerEncoding.Snappy;

    /// The answer as headers then body, and the headers' length; the body unchanged for None.
    public static (byte[] Message, int HeaderSize) Encode(AnswerEncoding encoding, byte[] json) => encoding switch
    {
        AnswerEncoding.Gzip => WithHeader("NATS/1.0\r\nContent-Encoding: gzip\r\n\r\n"u8, Gzip(json)),
        AnswerEncoding.Snappy => WithHeader("NATS/1.0\r\nContent-Encoding: snappy\r\n\r\n"u8, Snappy(json)),
        AnswerEncoding.Identity => WithHeader("NATS/1.0\r\nContent-Encoding: identity\r\n\r\n"u8, json),
        _ => (json, 0),
    };

    private static (byte[] Message, int HeaderSize) WithHeader(ReadOnlySpan<byte> header, byte[] body)
    {
        var message = new byte[header.Length + body.Length];
        header.CopyTo(message);
        body.CopyTo(message, header.Length);
        return (message, header.Length);
    }

    private static byte[] Gzip(byte[] json) => Compress(json, json.Length / 4 + 64, buffer => new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true));

    private static byte[] Snappy(byte[] json) => Compress(json, json.Length / 2 + 64, buffer => new SnappyStream(buffer, CompressionMode.Compress, leaveOpen: true));

    private static byte[] Compress(byte[] json, int capacity, Func<Stream, Stream> compressor)
    {
        using var buffer = new MemoryStream(capacity);
        using (var compressing = compressor(buffer))
        {
            compressing.Write(json);
        }

        return buffer.ToArray();
    }
}
