using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Natrium.Bench;

// One NATS connection over WebSocket (ClientWebSocket, binary messages), for the ws-*
// scenarios: the same CONNECT as Connection, a background reader feeding a MsgScanner.
internal sealed class WsConnection : IDisposable
{
    private static readonly byte[] ConnectAndPing =
        Encoding.ASCII.GetBytes("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"protocol\":1,\"name\":\"natrium-bench\",\"lang\":\"raw\"}\r\nPING\r\n");

    private static readonly byte[] PingLine = "PING\r\n"u8.ToArray();

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[256 * 1024];
    private Task? _reader;
    private long _lastReceiveTicks;

    public MsgScanner Scanner { get; } = new();

    public long LastReceiveTicks => Volatile.Read(ref _lastReceiveTicks);

    public string? ReaderError { get; private set; }

    // Upgrades, reads INFO, logs in (plus `then`, e.g. a SUB) and waits for the PONG.
    public static WsConnection Open(Uri url, TimeSpan timeout, string? then = null)
    {
        var connection = new WsConnection();
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            connection._socket.Options.KeepAliveInterval = TimeSpan.Zero;
            connection._socket.ConnectAsync(url, cancel.Token).GetAwaiter().GetResult();
            connection.ReceiveOnceAsync(cancel.Token).GetAwaiter().GetResult(); // INFO
            var login = then is null ? ConnectAndPing : [.. Encoding.ASCII.GetBytes(then), .. ConnectAndPing];
            connection.SendAsync(login).GetAwaiter().GetResult();
            connection._reader = connection.ReadLoopAsync();
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (connection.Scanner.Pongs == 0)
            {
                if (Stopwatch.GetTimestamp() > deadline || connection.ReaderError is not null)
                {
                    throw new IOException("no PONG after CONNECT over WebSocket: " + connection.ReaderError);
                }

                Thread.Sleep(1);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes) => _socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);

    // PING and wait for its PONG: everything sent before has been processed by the server.
    public void Flush(TimeSpan timeout)
    {
        long pongs = Scanner.Pongs;
        SendAsync(PingLine).AsTask().GetAwaiter().GetResult();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Scanner.Pongs == pongs && Stopwatch.GetTimestamp() < deadline && ReaderError is null)
        {
            Thread.Sleep(1);
        }
    }

    private async Task ReceiveOnceAsync(CancellationToken cancel)
    {
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(_buffer.AsMemory(), cancel);
        }
        while (!result.EndOfMessage);
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                long msgs = Scanner.Msgs;
                Scanner.Feed(_buffer.AsSpan(0, result.Count));
                if (Scanner.Msgs != msgs)
                {
                    Volatile.Write(ref _lastReceiveTicks, Stopwatch.GetTimestamp());
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            ReaderError = e.Message;
        }
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }
}
