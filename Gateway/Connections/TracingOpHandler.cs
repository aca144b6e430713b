using System.Buffers;
using System.Globalization;
using System.Text;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Connections;

/// Between the parser and a traced connection: writes each operation to the trace, then hands
/// it on unchanged. Only traced connections parse through it.
internal sealed class TracingOpHandler(IClientOpHandler inner, ProtocolTrace trace) : IClientOpHandler
{
    public bool OnOpBeforeConnect() => inner.OnOpBeforeConnect();

    public bool OnConnect(ReadOnlySpan<byte> json)
    {
        trace.InConnect(json);
        return inner.OnConnect(json);
    }

    public bool OnPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, in ReadOnlySequence<byte> payload)
    {
        trace.In(Join("PUB", subject, replyTo, payload.Length.ToString(CultureInfo.InvariantCulture)));
        trace.InPayload(payload);
        return inner.OnPub(subject, replyTo, payload);
    }

    public bool OnHPub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, int headerSize, in ReadOnlySequence<byte> message)
    {
        trace.In(Join("HPUB", subject, replyTo, string.Create(CultureInfo.InvariantCulture, $"{headerSize} {message.Length}")));
        trace.InPayload(message);
        return inner.OnHPub(subject, replyTo, headerSize, message);
    }

    public bool OnSub(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> queue, ReadOnlySpan<byte> sid)
    {
        trace.In(Join("SUB", subject, queue, Encoding.UTF8.GetString(sid)));
        return inner.OnSub(subject, queue, sid);
    }

    public bool OnUnsub(ReadOnlySpan<byte> sid, long maxMessages)
    {
        var max = maxMessages < 0 ? string.Empty : " " + maxMessages.ToString(CultureInfo.InvariantCulture);
        trace.In("UNSUB " + Encoding.UTF8.GetString(sid) + max);
        return inner.OnUnsub(sid, maxMessages);
    }

    public bool OnPing()
    {
        trace.In("PING");
        return inner.OnPing();
    }

    public bool OnPong()
    {
        trace.In("PONG");
        return inner.OnPong();
    }

    private static string Join(string op, ReadOnlySpan<byte> subject, ReadOnlySpan<byte> optional, string last) =>
        optional.IsEmpty
            ? $"{op} {Encoding.UTF8.GetString(subject)} {last}"
            : $"{op} {Encoding.UTF8.GetString(subject)} {Encoding.UTF8.GetString(optional)} {last}";
}
