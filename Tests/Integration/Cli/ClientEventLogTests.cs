using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// A client's notable events in nats-server 2.9.10's words and prefix (probed on 127.0.0.1):
/// `<ip>:<port> - cid:<id> - "v<version>:<lang>:<name>" - <event>`, so that alerts written for
/// nats-server's log keep matching. One process goes through every event in turn.
public sealed class ClientEventLogTests
{
    private const string Body = """
        debug: true
        authorization { users: [ { user: a, password: a } ] }
        max_connections: 2
        max_payload: 1000
        max_pending: 2000
        ping_interval: "1s"
        ping_max: 1
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Client_events_are_logged_with_nats_server_prefix_and_wording()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync(Body);

        // Authentication error: the user tried, never the password; a name cannot forge a line.
        var (denied, _) = await RawClient.ConnectAsync(natrium.Port);
        await using (denied)
        {
            await denied.SendAsync("CONNECT {\"user\":\"a\",\"pass\":\"not-the-password\",\"name\":\"evil\\n[1] 2026/01/01 00:00:00.000000 [INF] forged\",\"lang\":\"python\",\"version\":\"1.0\"}\r\nPING\r\n");
            await denied.ExpectClosedAsync();
            var prefix = $"127.0.0.1:{denied.LocalPort} - cid:";
            await ExpectLineAsync(natrium, line => line.Contains("[ERR] " + prefix, StringComparison.Ordinal)
                && line.EndsWith(" - \"v1.0:python:evil\\n[1] 2026/01/01 00:00:00.000000 [INF] forged\" - authentication error - User \"a\"", StringComparison.Ordinal));
            await ExpectLineAsync(natrium, line => line.Contains("[DBG] " + prefix, StringComparison.Ordinal) && line.EndsWith(" - Client connection closed: Authentication Failure", StringComparison.Ordinal));
        }

        // Slow consumer: a subscriber that reads nothing while its 2000 bytes of max_pending fill.
        var (slow, _) = await RawClient.ConnectAsync(natrium.Port);
        var (publisher, _) = await RawClient.ConnectAsync(natrium.Port);
        var (slowPort, publisherPort) = (slow.LocalPort, publisher.LocalPort);
        await using (slow)
        await using (publisher)
        {
            await slow.SendAsync("CONNECT {\"user\":\"a\",\"pass\":\"a\",\"verbose\":false,\"name\":\"slowpoke\"}\r\nSUB x 1\r\nPING\r\n");
            await slow.ExpectLineAsync("PONG");
            // More than the sockets' buffers on loopback can hold, so the server's queue grows;
            // in slices, each followed by a PONG from both, so ping_interval's stale check (1 s
            // here) closes neither on a slow machine before the queue does.
            await publisher.SendAsync("CONNECT {\"user\":\"a\",\"pass\":\"a\",\"verbose\":false}\r\n");
            var slice = string.Concat(Enumerable.Repeat("PUB x 1000\r\n" + new string('x', 1000) + "\r\n", 500)) + "PONG\r\n";
            for (var i = 0; i < 40 && !Lines(natrium.Process.Output).Any(l => l.Contains("Slow Consumer Detected", StringComparison.Ordinal)); i++)
            {
                await publisher.SendAsync(slice);
                try
                {
                    await slow.SendAsync("PONG\r\n");
                }
                catch (IOException)
                {
                    // Closed as the slow consumer it is.
                }
            }

            await publisher.SendAsync("PING\r\n");
            await publisher.ExpectLineAsync("PONG");
            await ExpectLineAsync(natrium, line => line.Contains($"[INF] 127.0.0.1:{slow.LocalPort} - cid:", StringComparison.Ordinal)
                && line.EndsWith(" - \"slowpoke\" - Slow Consumer Detected: MaxPending of 2000 Exceeded", StringComparison.Ordinal));
        }

        // Maximum connections: two in, the third refused. Only once the server has let the
        // slow consumer and the publisher go, or they would still count against the two.
        await ExpectLineAsync(natrium, line => line.Contains($"127.0.0.1:{publisherPort} - cid:", StringComparison.Ordinal) && line.Contains(" - Client connection closed", StringComparison.Ordinal));
        await ExpectLineAsync(natrium, line => line.Contains($"127.0.0.1:{slowPort} - cid:", StringComparison.Ordinal) && line.Contains(" - Client connection closed", StringComparison.Ordinal));
        var (first, _) = await RawClient.ConnectAsync(natrium.Port);
        var (second, _) = await RawClient.ConnectAsync(natrium.Port);
        await using (first)
        await using (second)
        {
            await first.SendAsync("CONNECT {\"user\":\"a\",\"pass\":\"a\",\"verbose\":false}\r\nPING\r\n");
            await first.ExpectLineAsync("PONG");
            await second.SendAsync("CONNECT {\"user\":\"a\",\"pass\":\"a\",\"verbose\":false}\r\nPING\r\n");
            await second.ExpectLineAsync("PONG");
            var (third, _) = await RawClient.ConnectAsync(natrium.Port);
            await using (third)
            {
                await third.ExpectClosedAsync();
                await ExpectLineAsync(natrium, line => line.Contains($"[ERR] 127.0.0.1:{third.LocalPort} - cid:", StringComparison.Ordinal) && line.EndsWith(" - maximum connections exceeded", StringComparison.Ordinal));
            }

            // Stale: `first` answers no PING; after ping_max it is closed.
            await ExpectLineAsync(natrium, line => line.Contains($"[DBG] 127.0.0.1:{first.LocalPort} - cid:", StringComparison.Ordinal) && line.EndsWith(" - Stale Client Connection - Closing", StringComparison.Ordinal));
            await ExpectLineAsync(natrium, line => line.Contains($"127.0.0.1:{first.LocalPort} - cid:", StringComparison.Ordinal) && line.EndsWith(" - Client connection closed: Stale Connection", StringComparison.Ordinal));
        }

        Assert.DoesNotContain("not-the-password", natrium.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Lines(natrium.Process.Output), line => line.StartsWith("[1] 2026/01/01", StringComparison.Ordinal));
        Assert.Contains(Lines(natrium.Process.Output), line => line.EndsWith(" - Client connection created", StringComparison.Ordinal));
    }

    private static Task ExpectLineAsync(ConfiguredNatrium natrium, Func<string, bool> wanted) =>
        Eventually.TrueAsync(() => Lines(natrium.Process.Output).Any(wanted), "a log line", () => natrium.Process.Output, Patience);

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.TrimEntries);
}
