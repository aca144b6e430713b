using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Security;

/// Users and permissions change on SIGHUP without a restart (spec/authorization.md §9).
public sealed class AuthReloadTests
{
    private const string Before = """
        authorization {
          users: [
            { user: alice, password: apw, permissions: { publish: ["a.>", "b.>"], subscribe: ["a.>", "b.>"] } }
            { user: bob, password: bpw }
          ]
        }
        """;

    private const string After = """
        authorization {
          users: [
            { user: alice, password: apw, permissions: { publish: ["a.>"], subscribe: ["a.>"] } }
          ]
        }
        """;

    [Fact]
    public async Task Removed_user_is_disconnected_and_changed_permissions_apply()
    {
        await using var natrium = await ConfiguredNatrium.StartAsync(Before);
        var (a, _) = await RawClient.ConnectAsync(natrium.Port);
        var (b, _) = await RawClient.ConnectAsync(natrium.Port);
        await using var alice = a;
        await using var bob = b;
        await alice.SendAsync("CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"apw\"}\r\nSUB b.x 7\r\nSUB a.x 8\r\n");
        await alice.PingAsync();
        await bob.SendAsync("CONNECT {\"verbose\":false,\"user\":\"bob\",\"pass\":\"bpw\"}\r\n");
        await bob.PingAsync();

        await natrium.ReloadAsync(After);

        Assert.Equal("-ERR 'Authorization Violation'\r\n", await bob.ExpectClosedAsync(TimeSpan.FromSeconds(10)));
        await alice.ExpectAsync("-ERR 'Permissions Violation for Subscription to \"b.x\" (sid \"7\")'\r\n", TimeSpan.FromSeconds(10));
        await alice.SendAsync("PUB b.y 1\r\nx\r\nPUB a.x 1\r\ny\r\nPING\r\n");
        var received = await alice.ReadThroughAsync("PONG\r\n");
        Assert.Contains("-ERR 'Permissions Violation for Publish to \"b.y\"'", received, StringComparison.Ordinal);
        Assert.Contains("MSG a.x 8 1\r\ny\r\n", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bcrypt_user_stays_while_its_hash_is_unchanged_and_goes_when_it_changes()
    {
        var carolHash = TestSecrets.Bcrypt("cpw");
        var daveHash = TestSecrets.Bcrypt("dpw");
        string Config(string dave) => $"authorization {{ users: [ {{ user: carol, password: \"{carolHash}\" }}, {{ user: dave, password: \"{dave}\" }} ] }}\n";
        await using var natrium = await ConfiguredNatrium.StartAsync(Config(daveHash));
        var (c, _) = await RawClient.ConnectAsync(natrium.Port);
        var (d, _) = await RawClient.ConnectAsync(natrium.Port);
        await using var carol = c;
        await using var dave = d;
        await carol.SendAsync("CONNECT {\"verbose\":false,\"user\":\"carol\",\"pass\":\"cpw\"}\r\n");
        await carol.PingAsync();
        await dave.SendAsync("CONNECT {\"verbose\":false,\"user\":\"dave\",\"pass\":\"dpw\"}\r\n");
        await dave.PingAsync();

        await natrium.ReloadAsync(Config(TestSecrets.Bcrypt("new-dpw")));

        Assert.Equal("-ERR 'Authorization Violation'\r\n", await dave.ExpectClosedAsync(TimeSpan.FromSeconds(10)));
        await carol.PingAsync();
    }
}
