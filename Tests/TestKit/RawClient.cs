using System.Net.Sockets;
using System.Text;

namespace Natrium.Tests.TestKit;

/// A bare socket speaking the NATS protocol by hand, for exact bytes: -ERR texts, close
/// behaviour, and input no client library would send. Every wait is bounded.
public sealed class RawClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StringBuilder _received = new();
    private int _consumed;

    private RawClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// The client's own port, as the server sees it (audit records name it).
    public int LocalPort => ((System.Net.IPEndPoint)_tcp.Client.LocalEndPoint!).Port;

    /// Connects and reads the server's INFO line, which it returns.
    public static async Task<(RawClient Client, string Info)> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port).WaitAsync(DefaultTimeout);
        var client = new RawClient(tcp);
        var info = await client.ExpectLineAsync("INFO ");
        return (client, info);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// Waits for the next line that starts with prefix, skipping PINGs and other lines
    /// before it; returns it without CRLF.
    public async Task<string> ExpectLineAsync(string prefix, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var text = _received.ToString();
            int end;
            while ((end = text.IndexOf("\r\n", _consumed, StringComparison.Ordinal)) >= 0)
            {
                var line = text[_consumed..end];
                _consumed = end + 2;
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            await ReadMoreAsync(deadline, $"a line starting '{prefix}'");
        }
    }

    /// Waits until the exact text appears next in the stream (from the current position).
    public async Task ExpectAsync(string expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (_received.Length - _consumed < expected.Length)
        {
            await ReadMoreAsync(deadline, $"'{Escape(expected)}'");
        }

        var actual = _received.ToString(_consumed, expected.Length);
        Assert.True(actual == expected, $"expected '{Escape(expected)}' but got '{Escape(actual)}'");
        _consumed += expected.Length;
    }

    /// Waits until marker arrives; returns everything from the current position through it.
    public async Task<string> ReadThroughAsync(string marker, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var at = _received.ToString().IndexOf(marker, _consumed, StringComparison.Ordinal);
            if (at >= 0)
            {
                var text = _received.ToString(_consumed, at + marker.Length - _consumed);
                _consumed = at + marker.Length;
                return text;
            }

            await ReadMoreAsync(deadline, $"'{Escape(marker)}'");
        }
    }

    /// Waits until the server closes the connection; returns everything received meanwhile.
    public async Task<string> ExpectClosedAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var buffer = new byte[4096];
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"expected the server to close the connection; received so far: '{Escape(Rest())}'");
            int n;
            try
            {
                using var cts = new CancellationTokenSource(left);
                n = await _stream.ReadAsync(buffer, cts.Token);
            }
            catch (IOException)
            {
                n = 0;
            }
            catch (OperationCanceledException)
            {
                // The deadline passed mid-read: the assertion above says what arrived.
                continue;
            }

            if (n == 0)
            {
                return Rest();
            }

            _received.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
    }

    /// Waits until marker arrives or the server closes the connection, whichever is first;
    /// returns what came before the marker (or everything, when closed) and whether it closed.
    public async Task<(string Received, bool Closed)> ReadUntilOrClosedAsync(string marker, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var buffer = new byte[65536];
        while (true)
        {
            var at = _received.ToString().IndexOf(marker, _consumed, StringComparison.Ordinal);
            if (at >= 0)
            {
                var text = _received.ToString(_consumed, at - _consumed);
                _consumed = at + marker.Length;
                return (text, false);
            }

            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"expected '{Escape(marker)}' or a close; received: '{Escape(Rest())}'");
            int n;
            try
            {
                using var cts = new CancellationTokenSource(left);
                n = await _stream.ReadAsync(buffer, cts.Token);
            }
            catch (OperationCanceledException)
            {
                continue;
            }
            catch (IOException)
            {
                n = 0;
            }

            if (n == 0)
            {
                return (Rest(), true);
            }

            _received.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
    }

    /// Waits for the next MSG or HMSG whose subject is subject (other messages before it are
    /// read and dropped) and reads its headers and payload by the sizes its line gives.
    public Task<RawMessage> ExpectMessageAsync(string subject, TimeSpan? timeout = null) =>
        ExpectMessageAsync(s => s == subject, timeout);

    /// The next MSG or HMSG whose subject satisfies wanted.
    public async Task<RawMessage> ExpectMessageAsync(Func<string, bool> wanted, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var line = await ExpectLineAsync("", deadline - DateTime.UtcNow);
            var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (args.Length < 4 || args[0] is not ("MSG" or "HMSG"))
            {
                continue;
            }

            // MSG <subject> <sid> [reply] <size>; HMSG <subject> <sid> [reply] <header size> <total size>
            var headered = args[0] == "HMSG";
            var total = int.Parse(args[^1], System.Globalization.CultureInfo.InvariantCulture);
            var headerSize = headered ? int.Parse(args[^2], System.Globalization.CultureInfo.InvariantCulture) : 0;
            var reply = args.Length == (headered ? 6 : 5) ? args[3] : null;
            while (_received.Length - _consumed < total + 2)
            {
                await ReadMoreAsync(deadline, $"the {total + 2} bytes of '{line}'");
            }

            var body = _received.ToString(_consumed, total);
            _consumed += total + 2;
            if (wanted(args[1]))
            {
                return new RawMessage(args[1], reply, body[..headerSize], body[headerSize..]);
            }
        }
    }

    /// Sends PING and waits for its PONG: everything sent before has been processed.
    public async Task PingAsync()
    {
        await SendAsync("PING\r\n");
        await ExpectLineAsync("PONG");
    }

    /// What was received and not consumed by an Expect call yet.
    public string Rest() => _received.ToString(_consumed, _received.Length - _consumed);

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task ReadMoreAsync(DateTime deadline, string waitingFor)
    {
        var left = deadline - DateTime.UtcNow;
        Assert.True(left > TimeSpan.Zero, $"timed out waiting for {waitingFor}; received: '{Escape(Rest())}'");
        var buffer = new byte[65536];
        int n;
        try
        {
            using var cts = new CancellationTokenSource(left);
            n = await _stream.ReadAsync(buffer, cts.Token);
        }
        catch (OperationCanceledException)
        {
            n = -1;
        }
        catch (IOException)
        {
            n = 0;
        }

        Assert.True(n != 0, $"connection closed while waiting for {waitingFor}; received: '{Escape(Rest())}'");
        Assert.True(n > 0, $"timed out waiting for {waitingFor}; received: '{Escape(Rest())}'");
        _received.Append(Encoding.Latin1.GetString(buffer, 0, n));
    }

    private static string Escape(string s) => s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

/// One message as it came off the wire: headers (the whole `NATS/1.0…` block, empty for MSG)
/// and payload as Latin-1 text, one char per byte.
public sealed record RawMessage(string Subject, string? Reply, string Headers, string Payload)
{
    /// The status line's code and text (`NATS/1.0 404 No Messages` → "404 No Messages"), or "".
    public string Status => Headers.Length == 0 ? "" : Headers[..Headers.IndexOf('\r', StringComparison.Ordinal)]["NATS/1.0".Length..].Trim();

    /// A header's value, or null.
    public string? Header(string name) => Headers.Split("\r\n").Skip(1)
        .Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
        .Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();
}
