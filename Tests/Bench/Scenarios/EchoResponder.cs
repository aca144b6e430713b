using System.Buffers.Text;

namespace Natrium.Bench.Scenarios;

// The reqrep responder: for each MSG with a reply subject, publishes the same payload to the
// reply subject (`PUB <reply-to> <#bytes>\r\n<payload>\r\n`, protocol.md §5, §13). Replies
// found in one read are written with one Send.
internal sealed class EchoResponder : IRequestSink
{
    private readonly byte[] _out = new byte[4 * 1024 * 1024];
    private int _length;

    public long Replies { get; private set; }

    public void OnRequest(ReadOnlySpan<byte> replyTo, ReadOnlySpan<byte> payload)
    {
        Span<byte> o = _out.AsSpan(_length);
        if (o.Length < replyTo.Length + payload.Length + 32)
        {
            throw new InvalidDataException("echo buffer full");
        }

        "PUB "u8.CopyTo(o);
        int n = 4;
        replyTo.CopyTo(o[n..]);
        n += replyTo.Length;
        o[n++] = (byte)' ';
        Utf8Formatter.TryFormat(payload.Length, o[n..], out int digits);
        n += digits;
        "\r\n"u8.CopyTo(o[n..]);
        n += 2;
        payload.CopyTo(o[n..]);
        n += payload.Length;
        "\r\n"u8.CopyTo(o[n..]);
        _length += n + 2;
        Replies++;
    }

    public void Flush(Connection connection)
    {
        if (_length > 0)
        {
            connection.Send(_out.AsSpan(0, _length));
            _length = 0;
        }
    }
}
