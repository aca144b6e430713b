using System.Net.Sockets;
using System.Text;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Security;

/// Issue #10.6: with authentication required, an op other than CONNECT gets
/// -ERR 'Authorization Violation' and a close at once, as nats-server 2.9.10 does, before any
/// payload is read: nothing is buffered for a client that has not authenticated.
public sealed class PreAuthenticationTests(TokenFixture broker) : IClassFixture<TokenFixture>
{
    [Theory]
    [InlineData("PUB big 1000000\r\n")]
    [InlineData("HPUB big 12 1000000\r\n")]
    [InlineData("SUB foo 1\r\n")]
    [InlineData("PING\r\n")]
    public async Task Op_before_connect_is_refused_without_waiting_for_its_payload(string op)
    {
        var (client, _) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            // Only the control line is sent: the answer must not wait for a payload.
            await client.SendAsync(op);
            var received = await client.ExpectClosedAsync(TimeSpan.FromSeconds(1.5));
            Assert.Equal("-ERR 'Authorization Violation'\r\n", received);
        }
    }
}

/// The same through a real process: many unauthenticated clients each sending a maximal
/// payload leave the server's memory where it was.
public sealed class PreAuthenticationMemoryTests
{
    private const int Clients = 40;
    private const int Payload = 8 * 1000 * 1000;

    [Fact]
    public async Task Unauthenticated_clients_sending_max_payload_pubs_do_not_grow_the_server()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync("max_payload: 8MB\nauthorization { token: s3cr3t }\n");
        var before = ResidentBytes(natrium.Process.Id);
        var body = new byte[Payload];
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => SendUnauthenticatedPubAsync(natrium.Port, body)));
        var after = ResidentBytes(natrium.Process.Id);
        Assert.True(after - before < 64L * 1024 * 1024, $"resident memory grew from {before >> 20} MiB to {after >> 20} MiB");
    }

    private static async Task SendUnauthenticatedPubAsync(int port, byte[] body)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port);
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes($"PUB big {body.Length}\r\n"));
            await socket.SendAsync(body).WaitAsync(TimeSpan.FromSeconds(20));
            // Read until the server closes (it must, one way or another).
            var sink = new byte[4096];
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (await socket.ReceiveAsync(sink, wait.Token) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // Closed while we were still sending: the expected outcome.
        }
    }

    private static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("no VmRSS");
    }
}
