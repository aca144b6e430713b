using System.Net.Sockets;
using System.Text;

namespace Natrium.Tests.TestKit;

/// A raw NATS client that reads everything the server sends as fast as it comes and keeps
/// none of it, only counts of the markers asked for: for tests that flood a subscriber with
/// more than RawClient should hold. Markers must be registered before they can arrive.
public sealed class DrainingClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly Socket _socket;
    private readonly Task _reader;
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _received = new(0);

    private DrainingClient(Socket socket)
    {
        _socket = socket;
        _counts["PONG\r\n"] = 0;
        _reader = Task.Run(ReadLoopAsync);
    }

    public static async Task<DrainingClient> LoginAsync(int port, string user, string password = "pw")
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port).WaitAsync(Timeout);
        var client = new DrainingClient(socket);
        await client.SendAsync($"CONNECT {{\"verbose\":false,\"user\":\"{user}\",\"pass\":\"{password}\"}}\r\n");
        await client.PingAsync();
        return client;
    }

    /// Starts counting occurrences of text from now on.
    public void Watch(string text)
    {
        lock (_counts)
        {
            _counts.TryAdd(text, 0);
        }
    }

    public int Count(string text)
    {
        lock (_counts)
        {
            return _counts.GetValueOrDefault(text);
        }
    }

    public async Task SendAsync(string text) => await _socket.SendAsync(Encoding.ASCII.GetBytes(text));

    /// PING, then waits for its PONG: everything sent before has been processed and every
    /// delivery made meanwhile has been read.
    public async Task PingAsync()
    {
        var before = Count("PONG\r\n");
        await SendAsync("PING\r\n");
        await WaitUntilAsync(() => Count("PONG\r\n") > before, "PONG");
    }

    /// Waits until a text watched since before it could arrive has been seen at least once.
    public async Task WaitForAsync(string text)
    {
        Watch(text);
        await WaitUntilAsync(() => Count(text) > 0, text);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _reader.WaitAsync(Timeout).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero && !_reader.IsCompleted, $"waited for '{what}'; the connection {(_reader.IsCompleted ? "closed" : "stayed silent")}");
            await _received.WaitAsync(left);
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[256 * 1024];
        var carry = string.Empty;
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer);
                if (n == 0)
                {
                    return;
                }

                // Latin-1 keeps one char per byte; the carry lets a marker span two reads.
                var text = carry + Encoding.Latin1.GetString(buffer, 0, n);
                lock (_counts)
                {
                    foreach (var marker in _counts.Keys.ToArray())
                    {
                        _counts[marker] += Occurrences(text, marker, carry.Length);
                    }
                }

                carry = text.Length > 256 ? text[^256..] : text;
                _received.Release();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _received.Release();
        }
    }

    /// Occurrences of marker in text that end after the first `alreadyCounted` chars.
    private static int Occurrences(string text, string marker, int alreadyCounted)
    {
        var count = 0;
        var start = Math.Max(0, alreadyCounted - marker.Length + 1);
        for (var at = text.IndexOf(marker, start, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
