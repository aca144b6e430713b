using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using NATS.Client.Core;
using Natrium.Gateway.WebSockets;

namespace Natrium.Tests.Integration.WebSocket;

/// allowed_origins, a short handshake_timeout and compression on.
public sealed class WebsocketOriginFixture : WebsocketFixture
{
    public const string Allowed = "http://app.test:8080";

    protected override WebsocketOptions Websocket => base.Websocket with
    {
        AllowedOrigins = [Allowed],
        HandshakeTimeout = TimeSpan.FromSeconds(1),
    };
}

/// The HTTP side of the websocket port: refusals with nats-server 2.9.10's status and body,
/// origin rules, the handshake timeout, and permessage-deflate.
public sealed class WebsocketUpgradeTests(WebsocketOriginFixture broker) : IClassFixture<WebsocketOriginFixture>
{
    [Theory]
    [InlineData("POST", "Connection: Upgrade|Upgrade: websocket|Sec-WebSocket-Version: 13|Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "405 Method Not Allowed", "Method Not Allowed\n")]
    [InlineData("GET", "Connection: Upgrade|Sec-WebSocket-Version: 13|Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "400 Bad Request", "Bad Request\n")]
    [InlineData("GET", "Upgrade: websocket|Sec-WebSocket-Version: 13|Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "400 Bad Request", "Bad Request\n")]
    [InlineData("GET", "Connection: Upgrade|Upgrade: websocket|Sec-WebSocket-Version: 13", "400 Bad Request", "Bad Request\n")]
    [InlineData("GET", "Connection: Upgrade|Upgrade: websocket|Sec-WebSocket-Version: 12|Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "400 Bad Request", "Bad Request\n")]
    [InlineData("GET", "Connection: Upgrade|Upgrade: websocket|Sec-WebSocket-Version: 13|Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==|Origin: http://evil.test", "403 Forbidden", "Forbidden\n")]
    [InlineData("GET", "Connection: Upgrade|Upgrade: websocket|Sec-WebSocket-Version: 13|Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==|Origin: https://app.test:8080", "403 Forbidden", "Forbidden\n")]
    public async Task Broken_or_foreign_upgrade_gets_nats_servers_status_and_body(string method, string headers, string status, string body)
    {
        var request = $"{method} / HTTP/1.1\r\nHost: 127.0.0.1:{broker.WsPortA}\r\n" + string.Concat(headers.Split('|').Select(h => h + "\r\n")) + "Content-Length: 0\r\n\r\n";
        var (client, head) = await RawWebsocket.OpenAsync(broker.WsPortA, request);
        await using var _ = client;
        Assert.StartsWith("HTTP/1.1 " + status, head);
        Assert.Contains("Sec-Websocket-Version: 13", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type: text/plain; charset=utf-8", head);
        Assert.Equal(body, await client.ReadBodyAsync(head));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(WebsocketOriginFixture.Allowed)]
    public async Task Listed_or_absent_origin_is_upgraded(string? origin)
    {
        var (client, info) = await RawWebsocket.ConnectAsync(broker.WsPortA, origin is null ? [] : ["Origin: " + origin]);
        await using var _ = client;
        Assert.StartsWith("INFO ", info);
    }

    [Fact]
    public async Task Nats_net_from_an_allowed_origin_connects_and_from_another_is_refused()
    {
        await using var allowed = await broker.ConnectWsAsync(configure: o => o with { WebSocketOpts = new NatsWebSocketOpts { RequestHeaders = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["Origin"] = WebsocketOriginFixture.Allowed } } });
        await allowed.PingAsync();
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWsAsync(configure: o => o with
        {
            MaxReconnectRetry = 0,
            WebSocketOpts = new NatsWebSocketOpts { RequestHeaders = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["Origin"] = "http://evil.test" } },
        }));
    }

    [Fact]
    public async Task Client_that_stalls_its_upgrade_is_cut_at_handshake_timeout_and_others_go_on()
    {
        using var stalled = new TcpClient();
        await stalled.ConnectAsync("127.0.0.1", broker.WsPortA);
        var stream = stalled.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        await using var other = await broker.ConnectWsAsync();
        await other.PingAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[1024];
        int read;
        do
        {
            read = await ReadOrResetAsync(stream, buffer, deadline.Token);
        }
        while (read > 0);
        await other.PingAsync();
    }

    [Fact]
    public async Task Offered_permessage_deflate_is_accepted_and_frames_are_compressed()
    {
        var (client, head) = await RawWebsocket.OpenAsync(broker.WsPortA, RawWebsocket.Request(broker.WsPortA, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"));
        await using var _ = client;
        Assert.Contains("permessage-deflate", head);
        await client.ReadFrameAsync();
        Assert.True(client.LastFrameCompressed);
    }

    [Fact]
    public async Task Nats_net_with_deflate_moves_large_messages()
    {
        await using var nc = await broker.ConnectWsAsync(configure: o => o with
        {
            WebSocketOpts = new NatsWebSocketOpts
            {
                ConfigureClientWebSocketOptions = (_, options, _) =>
                {
                    options.DangerousDeflateOptions = new WebSocketDeflateOptions();
                    return ValueTask.CompletedTask;
                },
            },
        });
        await using var sub = await nc.SubscribeCoreAsync<string>("ws.deflate");
        await nc.PingAsync();
        var text = string.Concat(Enumerable.Repeat("compress me ", 50_000));
        await nc.PublishAsync("ws.deflate", text);
        Assert.Equal(text, (await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Data);
    }

    private static async Task<int> ReadOrResetAsync(NetworkStream stream, byte[] buffer, CancellationToken cancel)
    {
        try
        {
            return await stream.ReadAsync(buffer, cancel);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
