using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Core;

public sealed class SmallLimitsFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        MaxPayload = 16 * 1024,
        MaxPending = 256 * 1024,
        MaxControlLine = 512,
        MaxSubscriptions = 3,
        PingInterval = TimeSpan.FromSeconds(1),
        PingMax = 2,
    };
}

/// Per-connection limits and keepalive (spec/protocol.md §8, §14), with small settings.
public sealed class LimitsTests(SmallLimitsFixture broker) : IClassFixture<SmallLimitsFixture>
{
    private const string Quiet = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true}\r\n";

    [Fact]
    public async Task Max_payload_is_announced_and_enforced()
    {
        var (c, info) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        using var json = JsonDocument.Parse(info["INFO ".Length..]);
        Assert.Equal(16 * 1024, json.RootElement.GetProperty("max_payload").GetInt32());
        await client.SendAsync(Quiet + $"PUB limits.big {16 * 1024 + 1}\r\n");
        Assert.Equal("-ERR 'Maximum Payload Violation'\r\n", await client.ExpectClosedAsync());
    }

    [Fact]
    public async Task Max_control_line_counts_the_configured_limit()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Quiet + "SUB limits." + new string('x', 600) + " 1\r\n");
        Assert.Equal("-ERR 'maximum control line exceeded'\r\n", await client.ExpectClosedAsync());
    }

    [Fact]
    public async Task Max_subscriptions_refuses_the_extra_sub_and_keeps_the_connection()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Quiet + "SUB limits.s 1\r\nSUB limits.s 2\r\nSUB limits.s 3\r\nSUB limits.s 4\r\n");
        await client.ExpectAsync("-ERR 'maximum subscriptions exceeded'\r\n");
        await client.SendAsync("PUB limits.s 1\r\nx\r\nPING\r\n");
        var received = await client.ReadThroughAsync("PONG\r\n");
        Assert.Equal(3, received.Split("MSG limits.s").Length - 1);
    }

    [Fact]
    public async Task Silent_client_gets_pings_then_stale_connection()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Quiet);
        await client.ExpectAsync("PING\r\n", TimeSpan.FromSeconds(4));
        await client.ExpectAsync("PING\r\n", TimeSpan.FromSeconds(4));
        var rest = await client.ExpectClosedAsync(TimeSpan.FromSeconds(4));
        Assert.Equal("-ERR 'Stale Connection'\r\n", rest);
    }

    [Fact]
    public async Task Client_answering_pings_stays_connected()
    {
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var client = c;
        await client.SendAsync(Quiet);
        for (var i = 0; i < 4; i++)
        {
            await client.ExpectAsync("PING\r\n", TimeSpan.FromSeconds(4));
            await client.SendAsync("PONG\r\n");
        }

        await client.PingAsync();
    }
}
