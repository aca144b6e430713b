using System.Net.WebSockets;

namespace Natrium.Gateway.WebSockets;

/// A client's WebSocket as the connection code reads and writes it: reads deliver message bytes
/// as they come, text or binary alike (nats-server 2.9.10 accepts both), and end at the close
/// frame; each write is one complete binary message.
///
/// A peer that drops the TCP connection without a close frame also reads as the end of the
/// stream, as nats-server 2.9.10 sees it ("Client Closed"). The WebSocket reports that with an
/// exception, which is caught here at the bottom: passed up through the reader and the read loop
/// it was rethrown at every await, seven throws per vanished client.
internal sealed class WebsocketMessageStream(WebSocket socket) : Stream
{
    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ValueWebSocketReceiveResult received;
            try
            {
                received = await socket.ReceiveAsync(buffer, cancellationToken);
            }
            catch (WebSocketException e) when (e.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
            {
                return 0;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return 0;
            }

            // An empty data frame is not the end of the stream: read on.
            if (received.Count > 0 || buffer.IsEmpty)
            {
                return received.Count;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        socket.SendAsync(buffer, WebSocketMessageType.Binary, WebSocketMessageFlags.EndOfMessage, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    // The connection code is asynchronous throughout; blocking calls would hold a thread.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
