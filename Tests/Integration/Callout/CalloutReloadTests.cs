using NATS.Client.Core;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Callout;

/// A reload replaces the callout settings: users the old issuer signed are closed, new logins
/// follow the new block, and clients the new block delegates lose their local login.
public sealed class CalloutReloadTests(ReloadCalloutFixture broker) : IClassFixture<ReloadCalloutFixture>
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reloaded_settings_close_stale_users_and_govern_new_logins()
    {
        var original = broker.A.Options;
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var alice = c;
        await alice.SendAsync("CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"secret\"}\r\nPING\r\n");
        await alice.ExpectAsync("PONG\r\n", Quick);
        var (o, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var other = o;
        await other.SendAsync("CONNECT {\"verbose\":false,\"user\":\"other\",\"pass\":\"pw\"}\r\nPING\r\n");
        await other.ExpectAsync("PONG\r\n", Quick);

        // A new issuer and OTHER now delegated too: alice (signed by the old issuer) and other
        // (a local login the callout now takes over) are both closed.
        using var newIssuer = NKeyPair.Create(NKeyPrefix.Account);
        var callout = original.Authorization.Callout!;
        try
        {
            var delegated = original with
            {
                Authorization = original.Authorization with { Callout = callout with { Issuer = newIssuer.PublicKey, AllowedAccounts = [] } },
            };
            Assert.Null(broker.A.UnsupportedReload(delegated));
            await broker.A.Reload(delegated);
            Assert.Equal("-ERR 'Authorization Violation'\r\n", await alice.ExpectClosedAsync(Quick));
            Assert.Equal("-ERR 'Authorization Violation'\r\n", await other.ExpectClosedAsync(Quick));

            // The service still signs with the old issuer: a new login is refused now.
            var (n, _) = await RawClient.ConnectAsync(broker.PortA);
            await using (n)
            {
                await n.SendAsync("CONNECT {\"verbose\":false,\"user\":\"alice\",\"pass\":\"secret\"}\r\nPING\r\n");
                Assert.Equal("-ERR 'Authorization Violation'\r\n", await n.ExpectClosedAsync(Quick));
            }
        }
        finally
        {
            await broker.A.Reload(original);
        }

        await using var again = await broker.ConnectAsync(configure: x => x with { AuthOpts = NatsAuthOpts.Default with { Username = "alice", Password = "secret" } });
        await again.PingAsync();
    }
}
