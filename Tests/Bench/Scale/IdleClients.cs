using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Natrium.Bench.Scale;

// Many idle raw connections: each does TCP connect, CONNECT + PING, waits for PONG and then
// stays open without traffic until Dispose. Opened from a few dozen handshakes in flight at
// once. One source address has ~28k ephemeral ports (and fewer once bound explicitly), so
// against a loopback server connection i binds to 127.0.0.(2 + i / ConnectionsPerSource): the
// server listens on 127.0.0.1 and accepts from every 127.0.0.x.
internal sealed class IdleClients : IDisposable
{
    private const int InFlight = 64;
    private const int ConnectionsPerSource = 10_000;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentBag<Socket> _sockets = [];

    public int Count => _sockets.Count;

    public long Failed { get; private set; }

    public string? FirstError { get; private set; }

    // Opens `count` connections (connection i sends connectLine(i)); returns the wall time it
    // took. Failures are counted (Failed, FirstError), not thrown; the whole is bounded.
    public TimeSpan Open(IPEndPoint server, int count, Func<int, byte[]> connectLine)
    {
        var bound = TimeSpan.FromSeconds(30) + TimeSpan.FromMilliseconds(5.0 * count);
        using var all = new CancellationTokenSource(bound);
        long failed = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        try
        {
            Parallel.ForEachAsync(
                Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = all.Token },
                async (i, ct) =>
                {
                    try
                    {
                        _sockets.Add(await HandshakeAsync(server, i, connectLine(i), ct).ConfigureAwait(false));
                    }
                    catch (Exception e) when (e is SocketException or IOException or InvalidOperationException || (e is OperationCanceledException && !all.IsCancellationRequested))
                    {
                        Interlocked.Increment(ref failed);
                        Interlocked.CompareExchange(ref firstError, $"connection {i}: {e.Message}", null);
                    }
                }).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            failed = count - _sockets.Count;
            firstError ??= $"not all open after {bound.TotalSeconds:0} s";
        }

        Failed += failed;
        FirstError ??= firstError;
        return clock.Elapsed;
    }

    // One handshake, then the socket is closed: for connection-rate loops.
    public static void ConnectOnce(IPEndPoint server, int index, byte[] connectLine)
    {
        using var cts = new CancellationTokenSource(HandshakeTimeout);
        using Socket socket = HandshakeAsync(server, index, connectLine, cts.Token).GetAwaiter().GetResult();
    }

    public static byte[] ConnectLine(string? user, string? password)
    {
        string credentials = user is null ? string.Empty : $",\"user\":\"{user}\",\"pass\":\"{password}\"";
        return Encoding.ASCII.GetBytes($"CONNECT {{\"verbose\":false,\"pedantic\":false,\"protocol\":1,\"name\":\"idle\",\"lang\":\"raw\"{credentials}}}\r\nPING\r\n");
    }

    public void Dispose()
    {
        foreach (Socket socket in _sockets)
        {
            socket.Dispose();
        }

        _sockets.Clear();
    }

    private static async Task<Socket> HandshakeAsync(IPEndPoint server, int index, byte[] connectLine, CancellationToken all)
    {
        using var one = CancellationTokenSource.CreateLinkedTokenSource(all);
        one.CancelAfter(HandshakeTimeout);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (IPAddress.IsLoopback(server.Address))
            {
                socket.Bind(new IPEndPoint(new IPAddress([127, 0, 0, (byte)(2 + (index / ConnectionsPerSource))]), 0));
            }

            await socket.ConnectAsync(server, one.Token).ConfigureAwait(false);
            await socket.SendAsync(connectLine, SocketFlags.None, one.Token).ConfigureAwait(false);
            await AwaitPongAsync(socket, one.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // Reads INFO and whatever follows until PONG; -ERR fails the handshake.
    private static async Task AwaitPongAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var seen = new StringBuilder();
        while (true)
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException("server closed the connection before PONG" + (seen.Length > 0 ? $" (after '{Tail(seen)}')" : string.Empty));
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, n));
            string text = seen.ToString();
            if (text.Contains("-ERR", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("server said " + Tail(seen));
            }

            if (text.Contains("PONG\r\n", StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    private static string Tail(StringBuilder seen) => seen.ToString(Math.Max(0, seen.Length - 80), Math.Min(80, seen.Length)).Trim();
}
