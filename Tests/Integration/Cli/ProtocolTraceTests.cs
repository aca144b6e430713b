using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// `-V`: nats-server 2.9.10's protocol trace (probed on 127.0.0.1 with the same ops): each op
/// in, each protocol line out, a publish's payload, with CONNECT's secrets masked.
public sealed class ProtocolTraceTests
{
    [Fact]
    public async Task Trace_shows_ops_in_and_out_in_nats_server_format_without_secrets()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync("""
            trace: true
            authorization { users: [ { user: a, password: "pw-7f3e-never-logged" } ] }
            """);
        var (client, _) = await RawClient.ConnectAsync(natrium.Port);
        await using (client)
        {
            await client.SendAsync("CONNECT {\"user\":\"a\",\"pass\":\"pw-7f3e-never-logged\",\"auth_token\":\"tok-91c2-never-logged\",\"name\":\"cli\",\"verbose\":true,\"headers\":true}\r\n"
                + "SUB foo q1 1\r\nSUB bar 2\r\nPUB foo rep 5\r\nhello\r\nHPUB foo 12 17\r\nNATS/1.0\r\n\r\nhello\r\nPING\r\nUNSUB 1 3\r\n");
            await client.ExpectLineAsync("PONG");
        }

        var prefix = "[TRC] 127.0.0.1:";
        string[] expected =
        [
            " - <<- [CONNECT {\"user\":\"a\",\"pass\":\"[REDACTED]\",\"auth_token\":\"[REDACTED]\",\"name\":\"cli\",\"verbose\":true,\"headers\":true}]",
            " - \"cli\" - ->> [OK]",
            " - \"cli\" - <<- [SUB foo q1 1]",
            " - \"cli\" - <<- [SUB bar 2]",
            " - \"cli\" - <<- [PUB foo rep 5]",
            " - \"cli\" - <<- MSG_PAYLOAD: [\"hello\"]",
            " - \"cli\" - ->> [MSG foo 1 rep 5]",
            " - \"cli\" - <<- [HPUB foo 12 17]",
            " - \"cli\" - <<- MSG_PAYLOAD: [\"NATS/1.0\\r\\n\\r\\nhello\"]",
            " - \"cli\" - ->> [HMSG foo 1 12 17]",
            " - \"cli\" - <<- [PING]",
            " - \"cli\" - ->> [PONG]",
            " - \"cli\" - <<- [UNSUB 1 3]",
        ];
        await Eventually.TrueAsync(
            () => expected.All(e => Traced(natrium).Any(l => l.EndsWith(e, StringComparison.Ordinal))),
            "every op traced",
            () => natrium.Process.Output,
            TimeSpan.FromSeconds(15));

        // In the order they happened (the OK after CONNECT may follow the SUB it acknowledges).
        var positions = expected.Select(e => Traced(natrium).FindIndex(l => l.EndsWith(e, StringComparison.Ordinal))).ToList();
        Assert.True(positions.Zip(positions.Skip(1)).Count(p => p.First < p.Second) >= expected.Length - 3, natrium.Process.Output);
        Assert.All(Traced(natrium), l => Assert.Contains(prefix, l, StringComparison.Ordinal));
        Assert.DoesNotContain("never-logged", natrium.Process.Output, StringComparison.Ordinal);
    }

    private static List<string> Traced(ConfiguredNatrium natrium) =>
        [.. natrium.Process.Output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Contains("[TRC] 127.0.0.1:", StringComparison.Ordinal))];
}
