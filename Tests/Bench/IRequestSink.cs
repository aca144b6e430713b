namespace Natrium.Bench;

// Receives each MSG that carries a reply subject (request mode of MsgScanner), then gets a
// chance to write what it buffered once the whole read has been scanned.
internal interface IRequestSink
{
    void OnRequest(ReadOnlySpan<byte> replyTo, ReadOnlySpan<byte> payload);

    void Flush(Connection connection);
}
