using System.Text;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.WebSocket;

/// Malformed WebSocket traffic gets nats-server 2.9.10's answer (a close frame with its status,
/// or the connection ends) and only the offending client is closed.
public sealed class WebsocketBadInputTests(WebsocketFixture broker) : IClassFixture<WebsocketFixture>
{
    [Fact]
    public async Task Info_comes_in_one_binary_frame_with_the_client_port_fields()
    {
        var (client, info) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var _ = client;
        Assert.StartsWith("INFO {", info);
        Assert.EndsWith("} \r\n", info);
        Assert.Contains($"\"port\":{broker.PortA}", info);
        Assert.Contains("\"headers\":true", info);
        Assert.Contains("\"client_ip\":\"127.0.0.1\"", info);
    }

    [Fact]
    public async Task Text_frames_are_read_like_binary_ones_as_nats_server_does()
    {
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var c = client;
        await client.SendAsync("CONNECT {\"verbose\":false}\r\nPING\r\n", opcode: 1);
        Assert.Contains("PONG\r\n", await client.ReadUntilAsync("PONG"));
    }

    [Fact]
    public async Task Protocol_split_across_frames_and_fragments_is_parsed()
    {
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var c = client;
        await client.SendFrameAsync(2, Encoding.ASCII.GetBytes("CONNECT {\"verbose\":false}\r\nSUB ws.split 1\r\nPUB ws.sp"), fin: false);
        await client.SendFrameAsync(0, Encoding.ASCII.GetBytes("lit 5\r\nhel"), fin: true);
        await client.SendAsync("lo\r\nPING\r\n");
        var seen = await client.ReadUntilAsync("PONG");
        Assert.Contains("MSG ws.split 1 5\r\nhello\r\n", seen);
    }

    [Fact]
    public async Task Unmasked_client_frame_is_refused_with_protocol_error_close()
    {
        await using var bystander = await broker.ConnectWsAsync();
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var c = client;
        await client.SendAsync("PING\r\n", mask: false);
        var (code, _) = await client.ExpectCloseFrameAsync();
        Assert.Equal(1002, code);
        await client.ExpectEndAsync();
        await bystander.PingAsync();
    }

    [Theory]
    [InlineData(9, 200)] // a PING control frame over 125 bytes
    [InlineData(5, 1)] // an opcode RFC 6455 does not define
    public async Task Invalid_frames_end_only_that_connection(int opcode, int length)
    {
        await using var bystander = await broker.ConnectWsAsync();
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var c = client;
        await client.SendFrameAsync(opcode, new byte[length]);
        await client.ExpectEndAsync();
        await bystander.PingAsync();
        Assert.Equal(NatsConnectionState.Open, bystander.ConnectionState);
    }

    [Fact]
    public async Task Payload_over_max_payload_gets_the_error_then_close_1009()
    {
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var c = client;
        await client.SendAsync("PUB ws.big 2000000\r\n");
        var seen = await client.ReadUntilAsync("<close");
        Assert.Contains("-ERR 'Maximum Payload Violation'\r\n", seen);
        Assert.Contains("<close 1009 Maximum Message Payload Exceeded>", seen);
    }

    [Fact]
    public async Task Client_that_drops_tcp_without_a_close_frame_is_closed_as_client_closed()
    {
        // nats-server 2.9.10 records a websocket client whose TCP connection ends at a frame
        // boundary as "Client Closed", as for a TCP client.
        var name = $"vanishing-{Guid.NewGuid():N}";
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using (client)
        {
            await client.SendAsync($"CONNECT {{\"verbose\":false,\"name\":\"{name}\"}}\r\nPING\r\n");
            await client.ReadUntilAsync("PONG");
        }

        await Eventually.TrueAsync(() => broker.A.ClosedConnections().Any(c => c.Name == name), $"{name} is among the closed connections");
        var closed = broker.A.ClosedConnections().Single(c => c.Name == name);
        Assert.Equal("Client Closed", closed.Reason);
        Assert.Equal("websocket", closed.Type);
    }

    [Fact]
    public async Task Client_close_frame_is_echoed_and_the_connection_ends()
    {
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var c = client;
        await client.SendFrameAsync(8, [0x03, 0xE8, (byte)'b', (byte)'y', (byte)'e']);
        var (code, text) = await client.ExpectCloseFrameAsync();
        Assert.Equal(1000, code);
        Assert.Equal("bye", text);
        await client.ExpectEndAsync();
    }

    [Fact]
    public async Task Ping_frame_gets_a_pong_frame_with_the_same_payload()
    {
        var (client, _) = await RawWebsocket.ConnectAsync(broker.WsPortA);
        await using var c = client;
        await client.SendFrameAsync(9, [1, 2, 3]);
        var (opcode, payload) = await client.ReadFrameAsync();
        Assert.Equal(10, opcode);
        Assert.Equal([1, 2, 3], payload);
    }
}
