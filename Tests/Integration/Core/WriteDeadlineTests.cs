using System.Net.Sockets;
using System.Text;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Core;

public sealed class ShortWriteDeadlineFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with { WriteDeadline = TimeSpan.FromMilliseconds(500) };
}

/// A socket write blocked longer than write_deadline cuts that client (nats-server's
/// "Slow Consumer (Write Deadline)"), even while it is under max_pending.
public sealed class WriteDeadlineTests(ShortWriteDeadlineFixture broker) : IClassFixture<ShortWriteDeadlineFixture>
{
    [Fact]
    public async Task Blocked_write_past_the_deadline_closes_only_that_client()
    {
        using var stuck = new TcpClient { ReceiveBufferSize = 4096 };
        await stuck.ConnectAsync("127.0.0.1", broker.PortA);
        await stuck.GetStream().WriteAsync(Encoding.ASCII.GetBytes("CONNECT {\"verbose\":false,\"pedantic\":false}\r\nSUB wd.flood 1\r\n"));

        var (p, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var publisher = p;
        await publisher.SendAsync("CONNECT {\"verbose\":false,\"pedantic\":false}\r\n");
        await publisher.PingAsync();

        var payload = new string('w', 60 * 1024);
        // Small steps: the socket buffers fill long before max_pending (64 MiB) could.
        var batch = Encoding.ASCII.GetBytes($"PUB wd.flood {payload.Length}\r\n{payload}\r\n");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!broker.A.RecentlyClosed.Any(c => c.Reason == "Slow Consumer (Write Deadline)"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no write-deadline close; closed: {string.Join(", ", broker.A.RecentlyClosed)}");
            await publisher.SendAsync(batch);
            await publisher.PingAsync();
        }

        await publisher.PingAsync();
    }
}
