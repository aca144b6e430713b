using System.Net.Sockets;
using System.Text;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Core;

public sealed class SmallPendingFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        MaxPayload = 16 * 1024,
        MaxPending = 256 * 1024,
    };
}

/// A client that does not read is cut once max_pending is exceeded; nobody else notices.
public sealed class SlowConsumerTests(SmallPendingFixture broker) : IClassFixture<SmallPendingFixture>
{
    private const string Quiet = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true}\r\n";

    [Fact]
    public async Task Slow_consumer_is_cut_alone_and_others_keep_receiving()
    {
        // A subscriber that never reads, with a tiny socket buffer.
        using var slow = new TcpClient { ReceiveBufferSize = 4096 };
        await slow.ConnectAsync("127.0.0.1", broker.PortA);
        await slow.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Quiet + "SUB limits.flood 1\r\n"));

        // A subscriber that drains its socket continuously and watches for the final message.
        using var fast = new TcpClient();
        await fast.ConnectAsync("127.0.0.1", broker.PortA);
        var fastStream = fast.GetStream();
        await fastStream.WriteAsync(Encoding.ASCII.GetBytes(Quiet + "SUB limits.flood 1\r\nPING\r\n"));
        var pong = new TaskCompletionSource();
        var sawEnd = new TaskCompletionSource();
        var draining = Task.Run(async () =>
        {
            var buffer = new byte[256 * 1024];
            var tail = string.Empty;
            while (true)
            {
                var n = await fastStream.ReadAsync(buffer);
                if (n == 0)
                {
                    sawEnd.TrySetException(new InvalidOperationException("the fast subscriber was disconnected"));
                    return;
                }

                var text = tail + Encoding.Latin1.GetString(buffer, 0, n);
                if (text.Contains("PONG", StringComparison.Ordinal))
                {
                    pong.TrySetResult();
                }

                if (text.Contains("\r\nend\r\n", StringComparison.Ordinal))
                {
                    sawEnd.TrySetResult();
                    return;
                }

                tail = text[^Math.Min(text.Length, 16)..];
            }
        });
        await pong.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var (p, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var publisher = p;
        await publisher.SendAsync(Quiet);
        await publisher.PingAsync();
        var before = broker.A.ClientCount;

        // 32 KiB per round trip: the draining subscriber never falls 256 KiB behind, while the
        // one that never reads fills its socket buffers and then max_pending.
        var payload = new string('z', 8 * 1024);
        var batch = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat($"PUB limits.flood {payload.Length}\r\n{payload}\r\n", 4)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (broker.A.ClientCount >= before)
        {
            Assert.True(DateTime.UtcNow < deadline, "the slow consumer was never disconnected");
            Assert.False(sawEnd.Task.IsFaulted, "the fast subscriber was disconnected instead of the slow one");
            await publisher.SendAsync(batch);
            await publisher.PingAsync();
        }

        Assert.Contains(broker.A.RecentlyClosed, c => c.Reason == "Slow Consumer (Pending Bytes)");

        // The publisher and the fast subscriber are untouched.
        await publisher.SendAsync("PUB limits.flood 3\r\nend\r\n");
        await sawEnd.Task.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(t => Assert.True(t.IsCompletedSuccessfully, $"fast subscriber: {t.Exception?.InnerException?.Message}; closed: {string.Join(", ", broker.A.RecentlyClosed)}"));
        await publisher.PingAsync();
        await draining.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
