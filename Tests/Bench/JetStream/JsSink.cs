using System.Text;

namespace Natrium.Bench.JetStream;

// Classifies JetStream traffic on one connection without allocating:
//   - a message with a reply subject is a stream message delivered to a pull request (its reply
//     is the `$JS.ACK.…` subject); with AutoAck it is acked (`PUB <reply> 4\r\n+ACK\r\n`) in the
//     Send that follows the read (jetstream.md, "Acknowledging messages");
//   - a message whose header block starts `NATS/1.0 <code>` is a status (408 Request Timeout,
//     404 No Messages / Message Not Found, …);
//   - anything else answers a request: an API reply or pub ack (JSON; `"error"` marks a failure,
//     `"seq"` a pub ack) or a direct-get reply (HMSG with Nats-Stream/Nats-Sequence headers).
// The last answer or status is kept (subject + headers + payload, truncated) for error reports;
// the first error reply is kept as text (allocates once). One reader thread per sink.
internal sealed class JsSink : IMessageSink
{
    private const int OutSize = 2 * 1024 * 1024;
    private const int LastSize = 2048;
    private const int AckFrameOverhead = 16; // "PUB " + " 4\r\n" + "+ACK\r\n"

    private readonly byte[] _out = new byte[OutSize];
    private readonly byte[] _last = new byte[LastSize];
    private int _length;
    private int _lastLength;

    public bool AutoAck { get; init; }

    // Answers that are not statuses: API replies, pub acks, direct-get messages.
    public long Replies { get; private set; }

    // Replies that carry "seq" and no "error": pub acks.
    public long Acks { get; private set; }

    // Replies that carry "error".
    public long Errors { get; private set; }

    public long Statuses { get; private set; }

    public int LastStatus { get; private set; }

    // Stream messages delivered with a reply subject (to a pull request).
    public long Delivered { get; private set; }

    public long AcksSent { get; private set; }

    public string? FirstError { get; private set; }

    // Anything that answers a request: a reply or a status.
    public long Answers => Replies + Statuses;

    public string LastText => Printable(_last.AsSpan(0, _lastLength));

    public void OnMessage(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, int headerBytes, ReadOnlySpan<byte> data)
    {
        int status = Status(data[..Math.Min(headerBytes, data.Length)]);
        if (status == 0 && !replyTo.IsEmpty)
        {
            Delivered++;
            if (AutoAck)
            {
                AppendAck(replyTo);
            }

            return;
        }

        Keep(subject, data);
        if (status != 0)
        {
            Statuses++;
            LastStatus = status;
            return;
        }

        Replies++;
        ReadOnlySpan<byte> payload = data[Math.Min(headerBytes, data.Length)..];
        if (payload.IndexOf("\"error\""u8) >= 0)
        {
            Errors++;
            FirstError ??= LastText;
        }
        else if (payload.IndexOf("\"seq\""u8) >= 0)
        {
            Acks++;
        }
    }

    public void Flush(Connection connection)
    {
        if (_length > 0)
        {
            connection.Send(_out.AsSpan(0, _length));
            _length = 0;
        }
    }

    // Protocol text for error reports: CR and LF shown as \r \n.
    public static string Printable(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    // `NATS/1.0 408 Request Timeout\r\n…` → 408; `NATS/1.0\r\n…` (plain headers) → 0.
    private static int Status(ReadOnlySpan<byte> headers)
    {
        ReadOnlySpan<byte> version = "NATS/1.0 "u8;
        if (headers.Length < version.Length + 3 || !headers.StartsWith(version))
        {
            return 0;
        }

        int code = 0;
        foreach (byte b in headers.Slice(version.Length, 3))
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return 0;
            }

            code = (code * 10) + (int)d;
        }

        return code;
    }

    private void AppendAck(ReadOnlySpan<byte> replyTo)
    {
        Span<byte> o = _out.AsSpan(_length);
        if (o.Length < replyTo.Length + AckFrameOverhead)
        {
            throw new InvalidDataException("ack buffer full");
        }

        "PUB "u8.CopyTo(o);
        replyTo.CopyTo(o[4..]);
        int n = 4 + replyTo.Length;
        ReadOnlySpan<byte> tail = " 4\r\n+ACK\r\n"u8;
        tail.CopyTo(o[n..]);
        _length += n + tail.Length;
        AcksSent++;
    }

    private void Keep(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> data)
    {
        Span<byte> last = _last;
        int n = Math.Min(subject.Length, last.Length - 1);
        subject[..n].CopyTo(last);
        last[n++] = (byte)' ';
        int m = Math.Min(data.Length, last.Length - n);
        data[..m].CopyTo(last[n..]);
        _lastLength = n + m;
    }
}
