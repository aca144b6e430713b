using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;
using NATS.Client.Core;

namespace Natrium.Tests.Integration.Operator;

/// What a JWT user gets once in (spec/jwt.md §6, §9): its permissions or the account's defaults,
/// scoped-key templates, limits combined with the account's, isolation between accounts, and
/// the end of the session when the JWT expires.
public sealed class JwtSessionTests(OperatorFixture broker) : IClassFixture<OperatorFixture>
{
    private OperatorKit Kit => broker.Kit;

    [Fact]
    public async Task User_permissions_from_the_jwt_are_enforced()
    {
        var user = Kit.Key(NKeyPrefix.User);
        var jwt = Kit.User(user, broker.AccountA, "perm", n => n with { Pub = new Permission { Allow = ["ok.>"] }, Sub = new Permission { Allow = ["ok.>"] } });
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(jwt, user, info) + "SUB ok.x 1\r\nPUB ok.x 2\r\nhi\r\nPUB no.x 2\r\nhi\r\nSUB no.y 2\r\nPING\r\n");
            var received = await client.ReadThroughAsync("PONG\r\n");
            Assert.Contains("MSG ok.x 1 2\r\nhi\r\n", received, StringComparison.Ordinal);
            Assert.Contains("-ERR 'Permissions Violation for Publish to \"no.x\"'", received, StringComparison.Ordinal);
            Assert.Contains("-ERR 'Permissions Violation for Subscription to \"no.y\"'", received, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task User_without_permissions_gets_the_accounts_default_permissions()
    {
        var user = Kit.Key(NKeyPrefix.User);
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(Kit.User(user, broker.Signed, "plain"), user, info) + "PUB def.x 1\r\na\r\nPUB other.x 1\r\na\r\nPING\r\n");
            var received = await client.ReadThroughAsync("PONG\r\n");
            Assert.DoesNotContain("\"def.x\"", received, StringComparison.Ordinal);
            Assert.Contains("-ERR 'Permissions Violation for Publish to \"other.x\"'", received, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Scoped_signing_key_template_expands_the_users_name()
    {
        var user = Kit.Key(NKeyPrefix.User);
        var jwt = JwtEncoder.Encode(new UserClaims { Subject = user.PublicKey, Name = "bob", Nats = new UserNats { IssuerAccount = broker.Signed.PublicKey } }, broker.Scope);
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(jwt, user, info) + "SUB scoped.bob.x 1\r\nPUB scoped.bob.x 1\r\na\r\nPUB scoped.eve.x 1\r\na\r\nPING\r\n");
            var received = await client.ReadThroughAsync("PONG\r\n");
            Assert.Contains("MSG scoped.bob.x 1 1\r\na\r\n", received, StringComparison.Ordinal);
            Assert.Contains("-ERR 'Permissions Violation for Publish to \"scoped.eve.x\"'", received, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task User_jwt_without_subs_may_not_subscribe_and_is_closed()
    {
        // A user JWT that leaves `subs` out allows none (spec/jwt.md §6; seen on 2.9.10).
        var user = Kit.Key(NKeyPrefix.User);
        var jwt = JwtEncoder.Encode(new UserClaims { Subject = user.PublicKey, Nats = new UserNats { Payload = -1, Data = -1 } }, broker.AccountA);
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(jwt, user, info));
            Assert.Contains("-ERR 'maximum subscriptions exceeded'", await client.ExpectClosedAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Payload_limit_of_the_user_is_announced_in_info_and_enforced()
    {
        await using var nc = await broker.ConnectUserAsync(broker.AccountA, "small", configure: n => n with { Payload = 100 });
        await nc.PingAsync();
        Assert.Equal(100, nc.ServerInfo!.MaxPayload);
    }

    [Fact]
    public async Task Account_connection_limit_counts_across_gateways()
    {
        await using var first = await broker.ConnectUserAsync(broker.Tight, "first");
        await first.PingAsync();
        var user = Kit.Key(NKeyPrefix.User);
        var (client, info) = await RawClient.ConnectAsync(broker.PortB);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(Kit.User(user, broker.Tight, "second"), user, info) + "PING\r\n");
            Assert.Equal("-ERR 'maximum account active connections exceeded'\r\n", await client.ExpectClosedAsync());
        }
    }

    [Fact]
    public async Task Accounts_are_isolated_from_each_other()
    {
        await using var inA = await broker.ConnectUserAsync(broker.AccountA, "a-user");
        await using var inB = await broker.ConnectUserAsync(broker.AccountB, "b-user", toB: true);
        await using var sub = await inB.SubscribeCoreAsync<string>("iso.x");
        await using var own = await inA.SubscribeCoreAsync<string>("iso.x");
        await inB.PingAsync();
        await inA.PingAsync();
        await inA.PublishAsync("iso.x", "secret");
        Assert.Equal("secret", (await own.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        await inA.PingAsync();
        await inB.PingAsync();
        Assert.False(sub.Msgs.TryRead(out _));
    }

    [Fact]
    public async Task User_jwt_expiring_ends_the_session_with_user_authentication_expired()
    {
        var user = Kit.Key(NKeyPrefix.User);
        var jwt = Kit.User(user, broker.AccountA, "brief", expires: DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(jwt, user, info));
            await client.PingAsync();
            Assert.Equal("-ERR 'User Authentication Expired'\r\n", await client.ExpectClosedAsync(TimeSpan.FromSeconds(10)));
        }
    }
}
