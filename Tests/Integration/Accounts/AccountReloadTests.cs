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
