using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Natrium.Bench;

// One raw-socket NATS client connection (protocol.md §2, §4, §8). Used synchronously by the
// publishing / requesting thread, or by one background reader thread; never by both at once
// for reading.
internal sealed class Connection : IDisposable
{
    private const int ReadBufferSize = 256 * 1024;

    // protocol.md §4: verbose/pedantic off, so no +OK per PUB; protocol 1.
    private static byte[] s_connectAndPing = ConnectLine(null, null);
    private static byte[]? s_publisherConnect;

    // Every connection logs in as this user from now on (--user/--pass).
    public static void UseCredentials(string? user, string? password) => s_connectAndPing = ConnectLine(user, password);

    // Publishers and requesters log in as this user instead (--pub-user/--pub-pass), for
    // scenarios that cross accounts: publish in one account, receive in another.
    public static void UsePublisherCredentials(string? user, string? password) =>
        s_publisherConnect = user is null ? null : ConnectLine(user, password);

    private static byte[] ConnectLine(string? user, string? password)
    {
        var credentials = user is null ? string.Empty : $",\"user\":\"{user}\",\"pass\":\"{password}\"";
        return Encoding.ASCII.GetBytes($"CONNECT {{\"verbose\":false,\"pedantic\":false,\"headers\":true,\"protocol\":1,\"name\":\"natrium-bench\",\"lang\":\"raw\"{credentials}}}\r\nPING\r\n");
    }

    private static readonly byte[] PingLine = "PING\r\n"u8.ToArray();
    private static readonly byte[] PongLine = "PONG\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[ReadBufferSize];
    private readonly IReadSink? _sink;
    private Thread? _reader;
    private long _pingsAnswered;
    private long _lastReceiveTicks;
    private volatile bool _disposed;

    private Connection(Socket socket, IReadSink? sink)
    {
        _socket = socket;
        _sink = sink;
        Scanner = new MsgScanner(sink);
    }

    public MsgScanner Scanner { get; }

    // Stopwatch timestamp of the last read that carried at least one MSG.
    public long LastReceiveTicks => Volatile.Read(ref _lastReceiveTicks);

    // How long one ReadOnce may block (the socket's receive timeout; IO timeout when opened).
    public TimeSpan ReceiveTimeout
    {
        get => TimeSpan.FromMilliseconds(_socket.ReceiveTimeout);
        set => _socket.ReceiveTimeout = (int)value.TotalMilliseconds;
    }

    // Why the background reader stopped before Dispose, if it did (e.g. server closed us).
    public string? ReaderError { get; private set; }

    public static Connection Open(IPEndPoint endpoint, TimeSpan timeout, IReadSink? sink = null, bool publisher = false)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)timeout.TotalMilliseconds,
            SendTimeout = (int)timeout.TotalMilliseconds,
        };
        var connection = new Connection(socket, sink);
        try
        {
            socket.Connect(endpoint);
            connection.Send(publisher && s_publisherConnect is not null ? s_publisherConnect : s_connectAndPing);
            connection.WaitPongs(1, timeout);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // Each Send call is bounded by SendTimeout; a server that takes a trickle at a time is cut
    // off by the overall deadline, checked only on the partial-write path.
    public void Send(ReadOnlySpan<byte> data)
    {
        long deadline = 0;
        while (true)
        {
            int n = _socket.Send(data, SocketFlags.None);
            data = data[n..];
            if (data.IsEmpty)
            {
                return;
            }

            long now = Stopwatch.GetTimestamp();
            if (deadline == 0)
            {
                deadline = now + (_socket.SendTimeout * Stopwatch.Frequency / 1000);
            }
            else if (now > deadline)
            {
                throw new TimeoutException($"server took less than {data.Length} pending bytes in {_socket.SendTimeout} ms");
            }
        }
    }

    // SUB <subject> [queue group] <sid>, then PING/PONG so the server has registered it.
    public void Subscribe(string subject, string? queueGroup, int sid, TimeSpan timeout)
    {
        string line = queueGroup is null ? $"SUB {subject} {sid}\r\n" : $"SUB {subject} {queueGroup} {sid}\r\n";
        Send(Encoding.ASCII.GetBytes(line));
        Flush(timeout);
    }

    // PING and read until its PONG: every byte sent before it has been processed by the server.
    public void Flush(TimeSpan timeout)
    {
        long target = Scanner.Pongs + 1;
        Send(PingLine);
        WaitPongs(target, timeout);
    }

    // One blocking read, scanned; answers server PINGs. Returns 0 when the peer closed.
    public int ReadOnce()
    {
        int n = _socket.Receive(_buffer, SocketFlags.None);
        if (n == 0)
        {
            return 0;
        }

        long before = Scanner.Msgs;
        Scanner.Feed(_buffer.AsSpan(0, n));
        if (Scanner.Msgs != before)
        {
            Volatile.Write(ref _lastReceiveTicks, Stopwatch.GetTimestamp());
        }

        _sink?.Flush(this);
        while (_pingsAnswered < Scanner.Pings)
        {
            _pingsAnswered++;
            Send(PongLine);
        }

        return n;
    }

    // Reads on a background thread until the socket closes (Dispose ends it).
    public void StartReader(string name)
    {
        _socket.ReceiveTimeout = 0;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = name };
        _reader.Start();
    }

    public void Dispose()
    {
        _disposed = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already closed by the peer.
        }

        _socket.Dispose();
        _reader?.Join(TimeSpan.FromSeconds(2));
    }

    private void WaitPongs(long target, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Scanner.Pongs < target)
        {
            if (Scanner.LastError is { } error)
            {
                throw new InvalidOperationException($"server said {error}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"no PONG within {timeout.TotalSeconds:0.#} s");
            }

            if (ReadOnce() == 0)
            {
                throw new IOException("server closed the connection while waiting for PONG");
            }
        }
    }

    private void ReadLoop()
    {
        try
        {
            while (ReadOnce() > 0)
            {
            }

            if (!_disposed)
            {
                ReaderError = Scanner.LastError ?? "server closed the connection";
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or InvalidDataException)
        {
            if (!_disposed)
            {
                ReaderError = Scanner.LastError ?? e.Message;
            }
        }
    }
}
