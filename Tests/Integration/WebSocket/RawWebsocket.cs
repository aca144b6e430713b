using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Natrium.Tests.Integration.WebSocket;

/// A WebSocket client on a bare socket, for what well-behaved libraries never send: unmasked
/// frames, oversized control frames, unknown opcodes, broken upgrades.
public sealed class RawWebsocket : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawWebsocket(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static string Request(int port, params string[] extraHeaders) => RequestFor($"127.0.0.1:{port}", extraHeaders);

    /// A well-formed upgrade request naming host in its Host header.
    public static string RequestFor(string host, params string[] extraHeaders) =>
        $"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + string.Concat(extraHeaders.Select(h => h + "\r\n")) + "\r\n";

    /// Sends request as is; returns the client and the response head (status line and headers).
    public static async Task<(RawWebsocket Client, string Head)> OpenAsync(int port, string request)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var client = new RawWebsocket(tcp);
        await client._stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var head = await client.ReadHeadAsync();
        return (client, head);
    }

    /// An upgraded connection (101 expected) whose first frame, the INFO, has been read.
    public static async Task<(RawWebsocket Client, string Info)> ConnectAsync(int port, params string[] extraHeaders)
    {
        var (client, head) = await OpenAsync(port, Request(port, extraHeaders));
        Assert.StartsWith("HTTP/1.1 101", head);
        var info = await client.ReadFrameAsync();
        Assert.Equal(2, info.Opcode);
        return (client, Encoding.UTF8.GetString(info.Payload));
    }

    /// The RSV1 bit of the last frame read: permessage-deflate compressed it.
    public bool LastFrameCompressed { get; private set; }

    public Task SendAsync(string text, int opcode = 2, bool mask = true) => SendFrameAsync(opcode, Encoding.UTF8.GetBytes(text), mask);

    public async Task SendFrameAsync(int opcode, byte[] payload, bool mask = true, bool fin = true)
    {
        var frame = new List<byte> { (byte)((fin ? 0x80 : 0) | opcode) };
        var maskBit = mask ? 0x80 : 0;
        if (payload.Length < 126)
        {
            frame.Add((byte)(maskBit | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            frame.Add((byte)(maskBit | 126));
            frame.AddRange([(byte)(payload.Length >> 8), (byte)payload.Length]);
        }
        else
        {
            frame.Add((byte)(maskBit | 127));
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            frame.AddRange(length);
        }

        var body = (byte[])payload.Clone();
        if (mask)
        {
            var key = RandomNumberGenerator.GetBytes(4);
            frame.AddRange(key);
            for (var i = 0; i < body.Length; i++)
            {
                body[i] ^= key[i % 4];
            }
        }

        frame.AddRange(body);
        await _stream.WriteAsync(frame.ToArray());
    }

    /// A masked frame header declaring length payload bytes (all-zero mask: the bytes that
    /// follow through SendRawAsync arrive as written).
    public async Task SendFrameHeaderAsync(int opcode, long length)
    {
        var header = new byte[14];
        header[0] = (byte)(0x80 | opcode);
        header[1] = 0x80 | 127;
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(2), (ulong)length);
        await _stream.WriteAsync(header); // the last four bytes: a zero mask
    }

    public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    public async Task<(int Opcode, byte[] Payload)> ReadFrameAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var head = await ReadExactlyAsync(2, cancel.Token);
        var length = (long)(head[1] & 0x7F);
        if (length == 126)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(await ReadExactlyAsync(2, cancel.Token));
        }
        else if (length == 127)
        {
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(await ReadExactlyAsync(8, cancel.Token));
        }

        Assert.Equal(0, head[1] & 0x80); // a server never masks
        LastFrameCompressed = (head[0] & 0x40) != 0;
        return (head[0] & 0x0F, await ReadExactlyAsync((int)length, cancel.Token));
    }

    /// Sends text on a fresh connection to an auth-required listener and expects the refusal
    /// nats-server gives: `-ERR 'Authorization Violation'`, then close 1008.
    public static async Task ExpectAuthorizationRefusalAsync(int port, string text)
    {
        var (client, info) = await ConnectAsync(port);
        await using var c = client;
        Assert.Contains("\"auth_required\":true", info);
        await client.SendAsync(text);
        var seen = await client.ReadUntilAsync("<close");
        Assert.Contains("-ERR 'Authorization Violation'\r\n", seen);
        Assert.Contains("<close 1008 Authentication Failure>", seen);
    }

    /// Reads frames until one's payload contains text; returns everything read as text.
    public async Task<string> ReadUntilAsync(string text, TimeSpan? timeout = null)
    {
        var seen = new StringBuilder();
        while (!seen.ToString().Contains(text, StringComparison.Ordinal))
        {
            var (opcode, payload) = await ReadFrameAsync(timeout);
            seen.Append(opcode == 8 ? $"<close {CloseCode(payload)} {Encoding.UTF8.GetString(payload.AsSpan(2))}>" : Encoding.UTF8.GetString(payload));
        }

        return seen.ToString();
    }

    /// Reads frames until the server's close frame; returns its status code and text.
    public async Task<(int Code, string Text)> ExpectCloseFrameAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var (opcode, payload) = await ReadFrameAsync(timeout);
            if (opcode == 8)
            {
                return (CloseCode(payload), Encoding.UTF8.GetString(payload.AsSpan(Math.Min(2, payload.Length))));
            }
        }
    }

    /// Completes when the server closes the TCP connection (reading whatever came before).
    public async Task ExpectEndAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var buffer = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(buffer, cancel.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // reset: closed too
        }
    }

    /// The body of an HTTP error response (its Content-Length bytes).
    public async Task<string> ReadBodyAsync(string head)
    {
        var line = head.Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var cancel = new CancellationTokenSource(DefaultTimeout);
        return Encoding.UTF8.GetString(await ReadExactlyAsync(length, cancel.Token));
    }

    private static int CloseCode(byte[] payload) => payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : 1005;

    private async Task<string> ReadHeadAsync()
    {
        using var cancel = new CancellationTokenSource(DefaultTimeout);
        var head = new List<byte>();
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            head.AddRange(await ReadExactlyAsync(1, cancel.Token));
        }

        return Encoding.ASCII.GetString(head.ToArray());
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancel)
    {
        var buffer = new byte[count];
        await _stream.ReadExactlyAsync(buffer, cancel);
        return buffer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
