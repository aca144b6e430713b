using System.Buffers;
using System.Text;
using Natrium.Gateway.Protocol;

namespace Natrium.Gateway.Connections;

/// The text between the brackets of a `MSG_PAYLOAD: [...]` trace line: the payload as Go's %q
/// quotes it. Past max_traced_msg_len bytes (0: no limit) it is cut as nats-server 2.9.10 cuts
/// it (client.go traceMsg): the first max bytes are quoted, and the first max characters of
/// that quoted text, without its opening quote, are shown followed by `...`. So escapes count
/// against the limit, and one may be cut in two (`"\r\..."`), as in 2.9.10; newer servers
/// show the whole quoted prefix instead.
internal static class TracedPayload
{
    public static string Format(in ReadOnlySequence<byte> payload, int maxLength)
    {
        if (maxLength <= 0 || payload.Length <= maxLength)
        {
            return QuotedSubject.Quote(Encoding.UTF8.GetString(payload));
        }

        var quoted = Encoding.UTF8.GetBytes(QuotedSubject.Quote(Encoding.UTF8.GetString(payload.Slice(0, maxLength))));
        return "\"" + Encoding.UTF8.GetString(quoted, 1, maxLength) + "...\"";
    }
}
