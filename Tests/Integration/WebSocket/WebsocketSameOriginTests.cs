using System.Net.WebSockets;
using NATS.Client.Core;
using Natrium.Gateway.WebSockets;

namespace Natrium.Tests.Integration.WebSocket;

/// same_origin on and compression off: the other two rules of the websocket port's HTTP side.
public sealed class WebsocketSameOriginFixture : WebsocketFixture
{
    protected override WebsocketOptions Websocket => base.Websocket with { SameOrigin = true, Compression = false };
}

/// same_origin compares the Origin's host and port with the request's Host, a missing port
/// being the scheme's default (websocket.go checkOrigin and wsGetHostAndPort); the cases are the
/// ones probed on nats-server 2.9.10. compression: false never answers permessage-deflate.
public sealed class WebsocketSameOriginTests(WebsocketSameOriginFixture broker) : IClassFixture<WebsocketSameOriginFixture>
{
    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Origin(string origin) => new() { ["Origin"] = origin };

    [Theory]
    [InlineData("127.0.0.1:{port}", "http://127.0.0.1:{port}")]
    [InlineData("app.test", "http://app.test")]
    [InlineData("app.test:80", "http://app.test")]
    [InlineData("app.test", "http://app.test:80")]
    [InlineData("app.test:443", "https://app.test")]
    [InlineData("APP.test:8080", "http://app.TEST:8080")]
    [InlineData("app.test:8080", "https://app.test:8080")]
    [InlineData("127.0.0.1:{port}", null)]
    public async Task Origin_with_the_hosts_name_and_port_or_no_origin_is_upgraded(string host, string? origin)
    {
        var port = broker.WsPortA.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] headers = origin is null ? [] : ["Origin: " + origin.Replace("{port}", port, StringComparison.Ordinal)];
        var (client, head) = await RawWebsocket.OpenAsync(broker.WsPortA, RawWebsocket.RequestFor(host.Replace("{port}", port, StringComparison.Ordinal), headers));
        await using var _ = client;
        Assert.StartsWith("HTTP/1.1 101", head);
        var (opcode, info) = await client.ReadFrameAsync();
        Assert.Equal(2, opcode);
        Assert.StartsWith("INFO ", System.Text.Encoding.UTF8.GetString(info));
    }

    [Theory]
    [InlineData("127.0.0.1:{port}", "http://evil.test")]
    [InlineData("127.0.0.1:{port}", "http://127.0.0.1:1")]
    [InlineData("app.test", "https://app.test")]
    [InlineData("app.test:8080", "http://other.test:8080")]
    public async Task Cross_origin_upgrade_gets_403_with_nats_servers_body(string host, string origin)
    {
        var port = broker.WsPortA.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = RawWebsocket.RequestFor(host.Replace("{port}", port, StringComparison.Ordinal), "Origin: " + origin.Replace("{port}", port, StringComparison.Ordinal));
        var (client, head) = await RawWebsocket.OpenAsync(broker.WsPortA, request);
        await using var _ = client;
        Assert.StartsWith("HTTP/1.1 403 Forbidden", head);
        Assert.Contains("Sec-Websocket-Version: 13", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type: text/plain; charset=utf-8", head);
        Assert.Equal("Forbidden\n", await client.ReadBodyAsync(head));
    }

    [Fact]
    public async Task Nats_net_from_the_same_origin_connects_and_from_another_is_refused()
    {
        await using var same = await broker.ConnectWsAsync(configure: o => o with { WebSocketOpts = new NatsWebSocketOpts { RequestHeaders = Origin($"http://127.0.0.1:{broker.WsPortA}") } });
        await same.PingAsync();
        await Assert.ThrowsAnyAsync<NatsException>(async () => await broker.ConnectWsAsync(configure: o => o with
        {
            MaxReconnectRetry = 0,
            WebSocketOpts = new NatsWebSocketOpts { RequestHeaders = Origin("http://evil.test") },
        }));
    }

    [Fact]
    public async Task Offered_permessage_deflate_gets_no_extension_answer_and_frames_stay_uncompressed()
    {
        var (client, head) = await RawWebsocket.OpenAsync(broker.WsPortA, RawWebsocket.Request(broker.WsPortA, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"));
        await using var _ = client;
        Assert.StartsWith("HTTP/1.1 101", head);
        Assert.DoesNotContain("Sec-WebSocket-Extensions", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("deflate", head, StringComparison.OrdinalIgnoreCase);
        var (_, info) = await client.ReadFrameAsync();
        Assert.False(client.LastFrameCompressed);
        Assert.StartsWith("INFO ", System.Text.Encoding.UTF8.GetString(info));
    }

    [Fact]
    public async Task Nats_net_offering_deflate_is_served_without_it()
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
        await using var sub = await nc.SubscribeCoreAsync<string>("ws.nodeflate");
        await nc.PingAsync();
        var text = string.Concat(Enumerable.Repeat("plain ", 20_000));
        await nc.PublishAsync("ws.nodeflate", text);
        Assert.Equal(text, (await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Data);
    }
}
