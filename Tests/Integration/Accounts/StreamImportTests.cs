using NATS.Client.Core;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Accounts;

/// A exports news.> publicly and alerts.> to B only; B imports news.> with a prefix and
/// alerts.> renamed; C's import of alerts.> is not authorized by A's grain and never delivers.
public sealed class StreamImportFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            HasAccounts = true,
            Users = [User("a", "A"), User("b", "B"), User("c", "C")],
        },
        Accounts =
        [
            new AccountConfig("A",
                [
                    new AccountExport(ExportKind.Stream, "news.>", null, ResponseType.Singleton, AccountExport.DefaultResponseThreshold, null),
                    new AccountExport(ExportKind.Stream, "alerts.>", ["B"], ResponseType.Singleton, AccountExport.DefaultResponseThreshold, null),
                ],
                [], [], false),
            new AccountConfig("B", [], [new AccountImport(ExportKind.Stream, "A", "news.>", null, "fromA", false), new AccountImport(ExportKind.Stream, "A", "alerts.>", "warn.>", null, false)], [], false),
            new AccountConfig("C", [], [new AccountImport(ExportKind.Stream, "A", "alerts.>", null, null, false)], [], false),
        ],
    };

    private static UserConfig User(string name, string account) => new(name, "pw", null, account, null, []);
}

public sealed class StreamImportTests(StreamImportFixture broker) : IClassFixture<StreamImportFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Imported_streams_arrive_renamed_and_unauthorized_imports_never_deliver(bool acrossGateways)
    {
        await using var a = await broker.ConnectAsAsync("a");
        await using var b = await broker.ConnectAsAsync("b", toB: acrossGateways);
        await using var c = await broker.ConnectAsAsync("c", toB: acrossGateways);
        await using var news = await b.SubscribeCoreAsync<string>("fromA.news.>");
        await using var warn = await b.SubscribeCoreAsync<string>("warn.>");
        await using var cAlerts = await c.SubscribeCoreAsync<string>("alerts.>");
        await b.PingAsync();
        await c.PingAsync();

        await a.PublishAsync("news.today", "n1");
        await a.PublishAsync("alerts.fire", "a1");

        var n = await news.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(("fromA.news.today", "n1"), (n.Subject, n.Data));
        var w = await warn.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(("warn.fire", "a1"), (w.Subject, w.Data));

        // B publishing on an imported subject does not flow back to A (imports are one-way).
        await using var inA = await a.SubscribeCoreAsync<string>("news.>");
        await a.PingAsync();
        await b.PublishAsync("news.back", "x");
        await a.PublishAsync("news.ping", "p");
        Assert.Equal("p", (await inA.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data);
        await c.PingAsync();
        Assert.False(cAlerts.Msgs.TryRead(out _));
    }
}
