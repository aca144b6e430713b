using NATS.Client.Core;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Accounts;

/// Two tenants and the global account on two gateways: the same subject never crosses an
/// account boundary, on one gateway or across gateways (spec/accounts.md §1).
public sealed class TwoAccountsFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            HasAccounts = true,
            Users =
            [
                new UserConfig("a1", "pw", null, "A", null, []),
                new UserConfig("a2", "pw", null, "A", null, []),
                new UserConfig("b1", "pw", null, "B", null, []),
                new UserConfig("g1", "pw", null, "$G", null, []),
            ],
            NoAuthUser = "b1",
        },
    };
}

public sealed class AccountIsolationTests(TwoAccountsFixture broker) : IClassFixture<TwoAccountsFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Same_subject_in_two_accounts_never_crosses(bool acrossGateways)
    {
        await using var a1 = await broker.ConnectAsAsync("a1");
        await using var a2 = await broker.ConnectAsAsync("a2", toB: acrossGateways);
        await using var b1 = await broker.ConnectAsAsync("b1", toB: acrossGateways);
        await using var g1 = await broker.ConnectAsAsync("g1", toB: acrossGateways);
        var subject = $"iso.{acrossGateways}";
        await using var inA = await a1.SubscribeCoreAsync<string>(subject);
        await using var inB = await b1.SubscribeCoreAsync<string>(subject);
        await using var inG = await g1.SubscribeCoreAsync<string>(subject);
        await a1.PingAsync();
        await b1.PingAsync();
        await g1.PingAsync();

        await b1.PublishAsync(subject, "from B");
        await g1.PublishAsync(subject, "from G");
        await a2.PublishAsync(subject, "from A");

        Assert.Equal("from A", (await inA.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        Assert.Equal("from B", (await inB.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        Assert.Equal("from G", (await inG.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        await a1.PingAsync();
        await b1.PingAsync();
        await g1.PingAsync();
        Assert.False(inA.Msgs.TryRead(out _));
        Assert.False(inB.Msgs.TryRead(out _));
        Assert.False(inG.Msgs.TryRead(out _));
    }

    [Fact]
    public async Task No_auth_user_lands_in_its_account()
    {
        await using var b1 = await broker.ConnectAsAsync("b1");
        await using var inB = await b1.SubscribeCoreAsync<string>("iso.anon");
        await b1.PingAsync();
        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var anonymous = c;
        await anonymous.SendAsync("PUB iso.anon 4\r\nanon\r\n");
        Assert.Equal("anon", (await inB.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
    }

    [Fact]
    public async Task Request_reply_stays_inside_the_account()
    {
        await using var responder = await broker.ConnectAsAsync("a1", toB: true);
        await using var requesterA = await broker.ConnectAsAsync("a2");
        await using var requesterB = await broker.ConnectAsAsync("b1");
        await using var service = await responder.SubscribeCoreAsync<string>("iso.svc");
        await responder.PingAsync();
        var serving = Task.Run(async () =>
        {
            var request = await service.Msgs.ReadAsync();
            await request.ReplyAsync("ok");
        });

        Assert.Equal("ok", (await requesterA.RequestAsync<string, string>("iso.svc", "q").AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        await serving.WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<NatsNoRespondersException>(async () => await requesterB.RequestAsync<string, string>("iso.svc", "q").AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
