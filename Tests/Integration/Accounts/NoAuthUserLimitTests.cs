using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Accounts;

public sealed class LimitedNoAuthUserFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            HasAccounts = true,
            Users = [new UserConfig("anon", "pw", null, "L", null, [])],
            NoAuthUser = "anon",
        },
        AccountLimits = new Dictionary<string, AccountLimits> { ["L"] = new(MaxConnections: 2, MaxSubscriptions: null, MaxPayload: null) },
    };
}

/// A no_auth_user whose account limits connections logs in with whatever operation it sends
/// first: the account grain admits it before that operation runs, and the operation is kept,
/// not dropped, while the admission is awaited (never waited for in place on the read loop).
public sealed class NoAuthUserLimitTests(LimitedNoAuthUserFixture broker) : IClassFixture<LimitedNoAuthUserFixture>
{
    [Fact]
    public async Task First_operation_without_connect_waits_for_admission_and_runs()
    {
        var (subscriber, _) = await RawClient.ConnectAsync(broker.PortA);
        var (publisher, _) = await RawClient.ConnectAsync(broker.PortB);
        await using (subscriber)
        {
            await using (publisher)
            {
                // Without CONNECT a client is verbose, as on nats-server: each op gets +OK.
                await subscriber.SendAsync("SUB anon.x 1\r\nPING\r\n");
                Assert.Equal("+OK\r\nPONG\r\n", await subscriber.ReadThroughAsync("PONG\r\n"));

                await publisher.SendAsync("PUB anon.x 2\r\nhi\r\nPING\r\n");
                Assert.Equal("+OK\r\nPONG\r\n", await publisher.ReadThroughAsync("PONG\r\n"));
                Assert.Equal("MSG anon.x 1 2\r\nhi\r\n", await subscriber.ReadThroughAsync("hi\r\n"));

                var (third, _) = await RawClient.ConnectAsync(broker.PortA);
                await using (third)
                {
                    await third.SendAsync("PING\r\n");
                    Assert.Equal("-ERR 'maximum account active connections exceeded'\r\n", await third.ExpectClosedAsync());
                }
            }
        }
    }
}
