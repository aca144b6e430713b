using NATS.Client.Core;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Accounts;

public sealed class LimitedAccountFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            HasAccounts = true,
            Users = [new UserConfig("l", "pw", null, "L", null, []), new UserConfig("free", "pw", null, "F", null, [])],
        },
        AccountLimits = new Dictionary<string, AccountLimits> { ["L"] = new(MaxConnections: 2, MaxSubscriptions: 1, MaxPayload: 1024) },
    };
}

/// Account limits (spec/authorization.md §8): connections counted across both gateways by the
/// account grain; max_subscriptions and max_payload per connection.
public sealed class AccountLimitsTests(LimitedAccountFixture broker) : IClassFixture<LimitedAccountFixture>
{
    private const string LoginL = "CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1,\"user\":\"l\",\"pass\":\"pw\"}\r\n";

    [Fact]
    public async Task Connection_limit_holds_across_gateways_and_frees_on_close()
    {
        var (a, _) = await RawClient.ConnectAsync(broker.PortA);
        var (b, _) = await RawClient.ConnectAsync(broker.PortB);
        await using (a)
        {
            await using (b)
            {
                await a.SendAsync(LoginL);
                await a.PingAsync();
                await b.SendAsync(LoginL);
                await b.PingAsync();

                var (third, _) = await RawClient.ConnectAsync(broker.PortA);
                await using (third)
                {
                    await third.SendAsync(LoginL + "PING\r\n");
                    Assert.Equal("-ERR 'maximum account active connections exceeded'\r\n", await third.ExpectClosedAsync());
                }

                // Another account is not affected.
                await using var free = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "free", Password = "pw" } });
                await free.PingAsync();
            }
        }

        // Both places were given back: a new client of L gets in (the releases are one-way).
        await Eventually.TrueAsync(
            async () =>
            {
                var (again, _) = await RawClient.ConnectAsync(broker.PortB);
                await using (again)
                {
                    await again.SendAsync(LoginL + "PING\r\n");
                    var reply = await again.ReadThroughAsync("\r\n");
                    return reply.StartsWith("PONG", StringComparison.Ordinal);
                }
            },
            "a client of L is admitted after the others left");
    }

    [Fact]
    public async Task Account_max_payload_and_subscriptions_apply_per_connection()
    {
        await using var nc = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "l", Password = "pw" } });
        await nc.PingAsync();
        // nats-server re-sends INFO with the account's smaller max_payload after the first PONG.
        await Eventually.TrueAsync(() => nc.ServerInfo?.MaxPayload == 1024, "the client learns max_payload 1024", () => $"{nc.ServerInfo?.MaxPayload}");

        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var raw = c;
        await raw.SendAsync(LoginL + "SUB x 1\r\nSUB y 2\r\nPING\r\n");
        var received = await raw.ReadThroughAsync("PONG\r\n");
        Assert.Contains("-ERR 'maximum subscriptions exceeded'", received, StringComparison.Ordinal);
        await raw.SendAsync("PUB x 2000\r\n");
        Assert.Contains("-ERR 'Maximum Payload Violation'", await raw.ExpectClosedAsync(), StringComparison.Ordinal);
    }
}
