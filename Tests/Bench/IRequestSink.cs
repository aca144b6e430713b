namespace Natrium.Bench;

// Receives each MSG that carries a reply subject (request mode of MsgScanner).
internal interface IRequestSink : IReadSink
{
    void OnRequest(ReadOnlySpan<byte> replyTo, ReadOnlySpan<byte> payload);
}
