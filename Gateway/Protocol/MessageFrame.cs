using System.Buffers;
using System.Buffers.Text;

namespace Natrium.Gateway.Protocol;

/// Writes the control line of a delivered message (spec/protocol.md §7):
///   MSG <subject> <sid> [reply-to] <#bytes>\r\n
///   HMSG <subject> <sid> [reply-to] <#header bytes> <#total bytes>\r\n
/// The payload and its trailing CRLF are copied by the caller.
internal static class MessageFrame
{
    /// Longest control line for these arguments (two 10-digit sizes and separators).
    public static int MaxControlLineLength(int subject, int sid, int reply) => subject + sid + reply + 40;

    public static int WriteControlLine(Span<byte> destination, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> sid, ReadOnlySpan<byte> reply, int headerSize, int totalSize)
    {
        var position = 0;
        if (headerSize > 0)
        {
            Put(destination, ref position, "HMSG "u8);
        }
        else
        {
            Put(destination, ref position, "MSG "u8);
        }

        Put(destination, ref position, subject);
        destination[position++] = (byte)' ';
        Put(destination, ref position, sid);
        destination[position++] = (byte)' ';
        if (!reply.IsEmpty)
        {
            Put(destination, ref position, reply);
            destination[position++] = (byte)' ';
        }

        if (headerSize > 0)
        {
            PutNumber(destination, ref position, headerSize);
            destination[position++] = (byte)' ';
        }

        PutNumber(destination, ref position, totalSize);
        destination[position++] = (byte)'\r';
        destination[position++] = (byte)'\n';
        return position;
    }

    private static void Put(Span<byte> destination, ref int position, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[position..]);
        position += bytes.Length;
    }

    private static void PutNumber(Span<byte> destination, ref int position, int value)
    {
        Utf8Formatter.TryFormat(value, destination[position..], out var written);
        position += written;
    }
}
