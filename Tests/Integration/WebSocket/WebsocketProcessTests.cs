using System.Text.Json;
using Natrium.Silo.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.WebSocket;

/// The natrium process with a websocket block: the ports file, /varz and /connz, and reload.
public sealed class WebsocketProcessTests
{
    private const string Body = """
        http_port: -1
        websocket { listen: "127.0.0.1:-1", advertise: "ws.example.com:443", no_tls: true, compression: true, allowed_origins: ["https://app.example.com"] }
        """;

    /// Without a cluster, `advertise` shows in /varz only, as on nats-server 2.9.10: the ports
    /// file has the listen address and the INFO no connect_urls.
    [Fact]
    public async Task Ports_file_varz_and_connz_describe_the_websocket_listener_and_its_clients()
    {
        await using var server = await ConfiguredNatrium.StartAsync(Body);
        var ws = await WebsocketUrlAsync(server);
        Assert.Equal("127.0.0.1", ws.Host);
        var (client, info) = await RawWebsocket.ConnectAsync(ws.Port);
        await using var c = client;
        Assert.DoesNotContain("ws.example.com", info, StringComparison.Ordinal);
        Assert.DoesNotContain("connect_urls", info, StringComparison.Ordinal);
        await client.SendAsync("CONNECT {\"verbose\":false,\"name\":\"raw-ws\"}\r\nPING\r\n");
        await client.ReadUntilAsync("PONG");

        using var http = new HttpClient { BaseAddress = new Uri(server.MonitoringUrl!) };
        using var varz = JsonDocument.Parse(await http.GetStringAsync("/varz"));
        var section = varz.RootElement.GetProperty("websocket");
        Assert.Equal(ws.Port, section.GetProperty("port").GetInt32());
        Assert.Equal("ws.example.com:443", section.GetProperty("advertise").GetString());
        Assert.False(varz.RootElement.TryGetProperty("ws_connect_urls", out _));
        Assert.True(section.GetProperty("no_tls").GetBoolean());
        Assert.True(section.GetProperty("compression").GetBoolean());
        Assert.Equal("https://app.example.com", section.GetProperty("allowed_origins")[0].GetString());

        using var connz = JsonDocument.Parse(await http.GetStringAsync("/connz"));
        var entry = connz.RootElement.GetProperty("connections").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "raw-ws");
        Assert.Equal("websocket", entry.GetProperty("type").GetString());
        Assert.Equal("Client", entry.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Reload_that_changes_the_websocket_block_is_refused_whole_as_on_nats_server()
    {
        await using var server = await ConfiguredNatrium.StartAsync(Body);
        var ws = await WebsocketUrlAsync(server);
        await server.ReloadAsync(Body.Replace("compression: true", "compression: false", StringComparison.Ordinal) + "\nmax_payload: 1000\n");
        await server.Process.WaitForOutputAsync("Failed to reload server configuration: config reload not supported for Websocket: old={");

        // Nothing of the new file applies, not even the change beside the websocket block.
        var (client, info) = await RawWebsocket.ConnectAsync(ws.Port);
        await using var c = client;
        Assert.Contains("\"max_payload\":1048576", info, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(server.MonitoringUrl!) };
        using var varz = JsonDocument.Parse(await http.GetStringAsync("/varz"));
        Assert.True(varz.RootElement.GetProperty("websocket").GetProperty("compression").GetBoolean());
    }

    [Theory]
    [InlineData("websocket { port: -1 }", "websocket requires TLS configuration")]
    [InlineData("websocket { port: -1, no_tls: true, authorization { user: u, password: p } }\nauthorization { users: [ { user: a, password: b } ] }",
        "websocket authentication username not compatible with presence of users/nkeys")]
    [InlineData("websocket { port: -1, no_tls: true, jwt_cookie: natsjwt }", "trusted operators or trusted keys configuration is required for JWT authentication via cookie \"natsjwt\"")]
    [InlineData("websocket { port: -1, tls { cert_file: \"/nonexistent/ws.pem\", key_file: \"/nonexistent/ws-key.pem\" } }", "/nonexistent/ws.pem")]
    public async Task Config_check_refuses_a_bad_websocket_block_with_nats_servers_text(string body, string error)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, body + "\n");
            var (code, output) = await NatriumProcess.RunAsync("-t", "-c", path);
            Assert.Equal(1, code);
            Assert.Contains(error, output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Lame_duck_closes_the_websocket_port_but_serves_open_websocket_clients_until_their_turn()
    {
        await using var server = await ConfiguredNatrium.StartAsync(
            Body + "\nlame_duck_grace_period: \"5s\"\n", lameDuckDuration: TimeSpan.FromSeconds(8));
        var ws = await WebsocketUrlAsync(server);
        var (client, _) = await RawWebsocket.ConnectAsync(ws.Port);
        await using var c = client;
        await client.SendAsync("CONNECT {\"protocol\":1,\"verbose\":false}\r\nPING\r\n");
        await client.ReadUntilAsync("PONG");

        await NatriumProcess.SignalAsync("ldm", server.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("\"ldm\":true", await client.ReadUntilAsync("\"ldm\":true", TimeSpan.FromSeconds(30)), StringComparison.Ordinal);

        // The port is closed once ldm is announced, as the client port is.
        var refused = await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(async () =>
        {
            using var late = new System.Net.Sockets.TcpClient();
            await late.ConnectAsync("127.0.0.1", ws.Port);
        });
        Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, refused.SocketErrorCode);

        // The open websocket client is still served during the grace period, then closed.
        await client.SendAsync("PING\r\n");
        await client.ReadUntilAsync("PONG");
        var (code, _) = await client.ExpectCloseFrameAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1001, code);
    }

    private static async Task<Uri> WebsocketUrlAsync(ConfiguredNatrium server)
    {
        var path = Path.Combine(Path.GetDirectoryName(server.ConfigFile)!, PortsFile.FileName("natrium", server.Process.Id));
        using var ports = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        return new Uri(ports.RootElement.GetProperty("websocket")[0].GetString()!);
    }
}
