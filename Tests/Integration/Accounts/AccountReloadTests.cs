using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Accounts;

/// Accounts, users and imports change on SIGHUP (spec/accounts.md; issue: reload).
public sealed class AccountReloadTests
{
    private const string Before = """
        accounts {
          A: { users: [ { user: a, password: pw } ], exports: [ { stream: "news.>" } ] }
          B: { users: [ { user: b, password: pw } ] }
        }
        """;

    private const string After = """
        accounts {
          A: { users: [ { user: a, password: pw } ], exports: [ { stream: "news.>" } ] }
          B: { users: [ { user: b, password: pw } ], imports: [ { stream: { account: A, subject: "news.>" } } ] }
          C: { users: [ { user: c, password: pw } ] }
        }
        """;

    private const string SingleResponse = """
        accounts {
          A: { users: [ { user: a, password: pw } ], exports: [ { service: "svc.>" } ] }
          B: { users: [ { user: b, password: pw } ], imports: [ { service: { account: A, subject: "svc.>" } } ] }
        }
        """;

    // B's entry is the same; only the terms of A's export changed.
    private const string StreamedResponses = """
        accounts {
          A: { users: [ { user: a, password: pw } ], exports: [ { service: "svc.>", response_type: stream } ] }
          B: { users: [ { user: b, password: pw } ], imports: [ { service: { account: A, subject: "svc.>" } } ] }
        }
        """;

    /// A reload re-wires only the accounts that changed, and an importer whose own entry did not
    /// change still has its service import decided again when its exporter's export did: the
    /// new response type applies to B's requests from the reload's log line on (spec/accounts.md §5: a singleton import passes
    /// one response, a stream import every one).
    [Fact]
    public async Task Service_import_takes_the_exporters_reloaded_terms_though_the_importer_is_unchanged()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync(SingleResponse);
        var (responder, _) = await RawClient.ConnectAsync(natrium.Port);
        var (requester, _) = await RawClient.ConnectAsync(natrium.Port);
        await using var a = responder;
        await using var b = requester;
        await a.SendAsync("CONNECT {\"verbose\":false,\"user\":\"a\",\"pass\":\"pw\"}\r\nSUB svc.> 1\r\n");
        await b.SendAsync("CONNECT {\"verbose\":false,\"user\":\"b\",\"pass\":\"pw\"}\r\nSUB _INBOX.b 1\r\n");
        await a.PingAsync();
        await b.PingAsync();
        Assert.Equal(1, await ResponsesToTwoAnswersAsync(a, b));

        // As on nats-server, the reload's line says the new terms are in effect: no waiting.
        await ReloadAndWaitAsync(natrium, StreamedResponses, reloads: 1);
        Assert.Equal(2, await ResponsesToTwoAnswersAsync(a, b));

        await ReloadAndWaitAsync(natrium, SingleResponse, reloads: 2);
        Assert.Equal(1, await ResponsesToTwoAnswersAsync(a, b));
    }

    private static async Task ReloadAndWaitAsync(ConfiguredNatrium natrium, string body, int reloads)
    {
        await natrium.ReloadAsync(body);
        await Eventually.TrueAsync(
            () => natrium.Process.Output.Split("Reloaded server configuration").Length - 1 == reloads,
            $"reload {reloads} is logged",
            () => natrium.Process.Output);
    }

    // B requests; A answers twice; returns how many answers reached B.
    private static async Task<int> ResponsesToTwoAnswersAsync(RawClient responder, RawClient requester)
    {
        await requester.SendAsync("PUB svc.x _INBOX.b 2\r\nhi\r\n");
        var request = await responder.ExpectMessageAsync("svc.x");
        await responder.SendAsync($"PUB {request.Reply} 3\r\none\r\nPUB {request.Reply} 3\r\ntwo\r\n");
        await responder.PingAsync();
        await requester.SendAsync("PING\r\n");
        var received = await requester.ReadThroughAsync("PONG\r\n");
        return received.Split("MSG _INBOX.b ").Length - 1;
    }

    [Fact]
    public async Task Import_and_account_added_on_reload_take_effect()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync(Before);
        var (pub, _) = await RawClient.ConnectAsync(natrium.Port);
        var (sub, _) = await RawClient.ConnectAsync(natrium.Port);
        await using var a = pub;
        await using var b = sub;
        await a.SendAsync("CONNECT {\"verbose\":false,\"user\":\"a\",\"pass\":\"pw\"}\r\n");
        await b.SendAsync("CONNECT {\"verbose\":false,\"user\":\"b\",\"pass\":\"pw\"}\r\nSUB news.> 1\r\n");
        await a.PingAsync();
        await b.PingAsync();

        await natrium.ReloadAsync(After);

        // The import is installed asynchronously: publish until B sees one, bounded.
        await Eventually.TrueAsync(
            async () =>
            {
                await a.SendAsync("PUB news.today 2\r\nhi\r\n");
                await a.PingAsync();
                await b.SendAsync("PING\r\n");
                return (await b.ReadThroughAsync("PONG\r\n")).Contains("MSG news.today 1 2", StringComparison.Ordinal);
            },
            "B receives A's news through the import added on reload");

        var (c, _) = await RawClient.ConnectAsync(natrium.Port);
        await using var newUser = c;
        await newUser.SendAsync("CONNECT {\"verbose\":false,\"user\":\"c\",\"pass\":\"pw\"}\r\n");
        await newUser.PingAsync();
    }
}
