using System.Text;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Core;

/// Issue #10.4: nothing on the protocol path recurses once per subject token. With a 1 MB
/// control line a client may send a subject of 100,000 tokens; it is subscribed (also through
/// wildcards), matched, delivered and removed, and the process lives. Run as a separate
/// process because a stack overflow cannot be caught: it would end the test run.
public sealed class DeepSubjectTests
{
    private const int Tokens = 100_000;

    [Fact]
    public async Task Subject_of_100000_tokens_is_subscribed_delivered_and_removed_and_the_server_lives()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync("max_control_line: 1MB\n");
        var literal = string.Join('.', Enumerable.Repeat("a", Tokens));
        // Every other token a wildcard, then `>`: the trie walks both branches at each level.
        var wildcard = string.Join('.', Enumerable.Range(0, Tokens - 1).Select(i => i % 2 == 0 ? "*" : "a")) + ".>";

        var (client, _) = await RawClient.ConnectAsync(natrium.Port);
        await using (client)
        {
            await client.SendAsync(Encoding.ASCII.GetBytes($"CONNECT {{\"verbose\":false}}\r\nSUB {literal} 1\r\nSUB {wildcard} 2\r\nPING\r\n"));
            await client.ExpectLineAsync("PONG", TimeSpan.FromSeconds(30));
            await client.SendAsync(Encoding.ASCII.GetBytes($"PUB {literal} 2\r\nhi\r\n"));
            var first = await client.ExpectLineAsync("MSG ", TimeSpan.FromSeconds(30));
            var second = await client.ExpectLineAsync("MSG ", TimeSpan.FromSeconds(30));
            Assert.Equal(["1", "2"], new[] { first, second }.Select(l => l.Split(' ')[2]).Order());

            await client.SendAsync(Encoding.ASCII.GetBytes($"UNSUB 1\r\nUNSUB 2\r\nPUB {literal} 5\r\nafter\r\nPING\r\n"));
            var rest = await client.ReadThroughAsync("PONG\r\n", TimeSpan.FromSeconds(30));
            Assert.DoesNotContain("after", rest, StringComparison.Ordinal);
        }

        // The server is alive for everyone else.
        Assert.False(natrium.Process.HasExited, natrium.Process.Output);
        var (other, _) = await RawClient.ConnectAsync(natrium.Port);
        await using (other)
        {
            await other.SendAsync("CONNECT {\"verbose\":false}\r\n");
            await other.PingAsync();
        }
    }
}

/// Two gateways that take control lines of 1 MB.
public sealed class LongLineFixture : BrokerFixture
{
    protected override Natrium.Gateway.Hosting.GatewayOptions GatewayTemplate =>
        Natrium.Gateway.Hosting.GatewayOptions.Default with { MaxControlLine = 1024 * 1024 };
}

/// The same deep subject between gateways: the batch format between them takes subjects of
/// any length max_control_line allows (its lengths were 16-bit and cut them short).
public sealed class DeepSubjectAcrossGatewaysTests(LongLineFixture broker) : IClassFixture<LongLineFixture>
{
    [Fact]
    public async Task Subject_of_100000_tokens_is_delivered_from_one_gateway_to_the_other()
    {
        var subject = string.Join('.', Enumerable.Repeat("z", 100_000));
        var (s, _) = await RawClient.ConnectAsync(broker.PortB);
        var (p, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var subscriber = s;
        await using var publisher = p;
        await subscriber.SendAsync(Encoding.ASCII.GetBytes($"CONNECT {{\"verbose\":false}}\r\nSUB {subject} q1 1\r\nPING\r\n"));
        await subscriber.ExpectLineAsync("PONG", TimeSpan.FromSeconds(30));
        await publisher.SendAsync(Encoding.ASCII.GetBytes($"CONNECT {{\"verbose\":false}}\r\nPUB {subject} 4\r\nfar!\r\nPING\r\n"));
        await publisher.ExpectLineAsync("PONG", TimeSpan.FromSeconds(30));
        var line = await subscriber.ExpectLineAsync("MSG ", TimeSpan.FromSeconds(30));
        Assert.Equal(subject.Length, line.Split(' ')[1].Length);
        Assert.Equal("far!", await subscriber.ExpectLineAsync("far!", TimeSpan.FromSeconds(30)));
    }
}
