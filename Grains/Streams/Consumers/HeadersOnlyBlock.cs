using System.Globalization;

namespace Natrium.Grains.Streams.Consumers;

/// The header block a headers_only consumer delivers in place of the message (convertToHeadersOnly
/// in consumer.go): the stored block without its final CRLF, or `NATS/1.0\r\n` when there was
/// none, then `Nats-Msg-Size: <payload length>\r\n\r\n`. Seen on 2.9.10:
/// `NATS/1.0\r\nNats-Msg-Size: 2\r\n\r\n` (30 bytes) and
/// `NATS/1.0\r\nX: y\r\nNats-Msg-Size: 2\r\n\r\n` (36 bytes); no payload follows.
internal static class HeadersOnlyBlock
{
    private static ReadOnlySpan<byte> EmptyStart => "NATS/1.0\r\n"u8;

    private static ReadOnlySpan<byte> SizeName => "Nats-Msg-Size: "u8;

    /// Bytes Write produces, for max_bytes and flow-control sums.
    public static int Length(int headersLength, int payloadLength) =>
        (headersLength == 0 ? EmptyStart.Length : headersLength - 2) + SizeName.Length + Digits(payloadLength) + 4;

    /// Writes the block into `destination` (at least Length bytes); returns the bytes written.
    public static int Write(ReadOnlySpan<byte> headers, int payloadLength, Span<byte> destination)
    {
        var start = headers.IsEmpty ? EmptyStart : headers[..^2];
        start.CopyTo(destination);
        var at = start.Length;
        SizeName.CopyTo(destination[at..]);
        at += SizeName.Length;
        payloadLength.TryFormat(destination[at..], out var digits, default, CultureInfo.InvariantCulture);
        at += digits;
        "\r\n\r\n"u8.CopyTo(destination[at..]);
        return at + 4;
    }

    public static byte[] Build(ReadOnlySpan<byte> headers, int payloadLength)
    {
        var block = new byte[Length(headers.Length, payloadLength)];
        Write(headers, payloadLength, block);
        return block;
    }

    private static int Digits(int value)
    {
        var digits = 1;
        for (; value >= 10; value /= 10)
        {
            digits++;
        }

        return digits;
    }
}
