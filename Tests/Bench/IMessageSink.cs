namespace Natrium.Bench;

// Receives every MSG and HMSG (message mode of MsgScanner): subject, reply subject (empty when
// there is none), the header length (0 for MSG) and headers + payload as one span.
internal interface IMessageSink : IReadSink
{
    void OnMessage(ReadOnlySpan<byte> subject, ReadOnlySpan<byte> replyTo, int headerBytes, ReadOnlySpan<byte> data);
}
