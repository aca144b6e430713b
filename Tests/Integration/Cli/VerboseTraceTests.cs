using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Cli;

/// `trace_verbose` (-VV) and `max_traced_msg_len`, as nats-server 2.9.10 does them (probed on
/// 127.0.0.1): plain trace shows a publish's payload, cut past max_traced_msg_len
/// (`["hel..."]`); verbose trace adds what the server itself publishes in the system account,
/// `SYSTEM - <<- [PUB <subject>  <size>]` and its payload. Both change on a config reload.
public sealed class VerboseTraceTests
{
    private const string Accounts = """
        system_account: SYS
        accounts {
          SYS { users: [ { user: sys, password: s } ] }
          APP { users: [ { user: app, password: a } ] }
        }

        """;

    [Fact]
    public async Task Trace_verbose_adds_system_publishes_and_max_traced_msg_len_cuts_payloads_and_both_reload()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync(Accounts + "trace: true\nmax_traced_msg_len: 3\n");
        await using var sys = new NatsConnection(new NatsOpts { Url = natrium.Url, AuthOpts = new NatsAuthOpts { Username = "sys", Password = "s" } });
        await using var connects = await sys.SubscribeCoreAsync<byte[]>("$SYS.ACCOUNT.APP.CONNECT");
        await sys.PingAsync();

        var (first, _) = await RawClient.ConnectAsync(natrium.Port);
        await using (first)
        {
            await first.SendAsync("CONNECT {\"user\":\"app\",\"pass\":\"a\",\"name\":\"p1\",\"verbose\":false}\r\nPUB t.x 5\r\nhello\r\nPUB t.x 3\r\nhi!\r\nPUB t.x 4\r\n\r\n\t\u0001\r\nPING\r\n");
            await first.ExpectLineAsync("PONG");
            await NextAsync(connects);
            await Eventually.TrueAsync(
                () => Traced(natrium, "\"p1\" - <<- MSG_PAYLOAD: [\"\\r\\...\"]"),
                "the payloads traced and cut at 3",
                () => natrium.Process.Output,
                TimeSpan.FromSeconds(15));
            Assert.True(Traced(natrium, "\"p1\" - <<- MSG_PAYLOAD: [\"hel...\"]"), natrium.Process.Output);
            Assert.True(Traced(natrium, "\"p1\" - <<- MSG_PAYLOAD: [\"hi!\"]"), natrium.Process.Output);
            Assert.DoesNotContain("SYSTEM - <<-", natrium.Process.Output, StringComparison.Ordinal);

            await natrium.ReloadAsync(Accounts + "trace_verbose: true\nmax_traced_msg_len: 0\n");
            await natrium.Process.WaitForOutputAsync("Reloaded server configuration");

            // The open connection's trace reads the new length at once.
            await first.SendAsync("PUB t.x 5\r\nworld\r\nPING\r\n");
            await first.ExpectLineAsync("PONG");
            await Eventually.TrueAsync(() => Traced(natrium, "\"p1\" - <<- MSG_PAYLOAD: [\"world\"]"), "the whole payload after the reload", () => natrium.Process.Output);
        }

        var (second, _) = await RawClient.ConnectAsync(natrium.Port);
        await using (second)
        {
            await second.SendAsync("CONNECT {\"user\":\"app\",\"pass\":\"a\",\"name\":\"p2\",\"verbose\":false}\r\nPING\r\n");
            await second.ExpectLineAsync("PONG");
            var advisory = await NextAsync(connects);
            var pub = $"[TRC] SYSTEM - <<- [PUB $SYS.ACCOUNT.APP.CONNECT  {advisory.Length}]";
            const string payload = "[TRC] SYSTEM - <<- MSG_PAYLOAD: [\"{\\\"type\\\":\\\"io.nats.server.advisory.v1.client_connect\\\"";
            await Eventually.TrueAsync(
                () =>
                {
                    var lines = natrium.Process.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
                    var at = lines.FindIndex(l => l.EndsWith(pub, StringComparison.Ordinal));
                    return at >= 0 && lines.Skip(at + 1).Any(l => l.Contains(payload, StringComparison.Ordinal));
                },
                pub + " then its payload",
                () => natrium.Process.Output);
        }
    }

    private static async Task<byte[]> NextAsync(INatsSub<byte[]> sub)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var message = await sub.Msgs.ReadAsync(timeout.Token);
        return message.Data!;
    }

    private static bool Traced(ConfiguredNatrium natrium, string ending) =>
        natrium.Process.Output.Split('\n').Any(l => l.TrimEnd('\r').EndsWith(ending, StringComparison.Ordinal) && l.Contains("[TRC] 127.0.0.1:", StringComparison.Ordinal));
}
