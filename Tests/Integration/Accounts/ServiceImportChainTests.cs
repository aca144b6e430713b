using NATS.Client.Core;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Accounts;

/// A exports the service a.req; B imports it from A and exports it; C imports it from B (a
/// chain, which nats-server 2.9.10 follows). D and E import loop.req from each other, and F
/// imports it from D (a cycle).
public sealed class ServiceImportChainFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            HasAccounts = true,
            Users = [User("a", "A"), User("b", "B"), User("c", "C"), User("d", "D"), User("e", "E"), User("f", "F")],
        },
        Accounts =
        [
            new AccountConfig("A", [Service("a.req")], [], [], false),
            new AccountConfig("B", [Service("a.req")], [Import("A", "a.req")], [], false),
            new AccountConfig("C", [], [Import("B", "a.req")], [], false),
            new AccountConfig("D", [Service("loop.req")], [Import("E", "loop.req")], [], false),
            new AccountConfig("E", [Service("loop.req")], [Import("D", "loop.req")], [], false),
            new AccountConfig("F", [], [Import("D", "loop.req")], [], false),
        ],
    };

    private static AccountExport Service(string subject) =>
        new(ExportKind.Service, subject, null, ResponseType.Singleton, AccountExport.DefaultResponseThreshold, null);

    private static AccountImport Import(string account, string subject) => new(ExportKind.Service, account, subject, null, null, false);

    private static UserConfig User(string name, string account) => new(name, "pw", null, account, null, []);
}

public sealed class ServiceImportChainTests(ServiceImportChainFixture broker) : IClassFixture<ServiceImportChainFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_request_goes_on_through_a_chained_import_and_the_answer_comes_back(bool responderOnOtherGateway)
    {
        await using var a = await broker.ConnectAsAsync("a", toB: responderOnOtherGateway);
        await using var responder = await a.SubscribeCoreAsync<string>("a.req");
        await a.PingAsync();
        var answering = Responder.AnswerOnceAsync(responder, data => "from A: " + data, Timeout);

        await using var c = await broker.ConnectAsAsync("c");
        var reply = await c.RequestAsync<string, string>("a.req", "hello").AsTask().WaitAsync(Timeout);

        Assert.Equal("from A: hello", reply.Data);
        await answering;
    }

    [Fact]
    public async Task A_cycle_of_imports_delivers_a_request_once_in_each_account_and_ends()
    {
        await using var d = await broker.ConnectAsAsync("d");
        await using var e = await broker.ConnectAsAsync("e");
        await using var onD = await d.SubscribeCoreAsync<string>("loop.req");
        await using var onE = await e.SubscribeCoreAsync<string>("loop.req");
        await d.PingAsync();
        await e.PingAsync();

        await using var f = await broker.ConnectAsAsync("f");
        await f.PublishAsync("loop.req", "once", replyTo: "f.inbox");
        await f.PingAsync();

        Assert.Equal("once", (await onD.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
        Assert.Equal("once", (await onE.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);

        // A marker published afterwards arrives next: nothing more of the request came round.
        await f.PublishAsync("loop.req", "marker", replyTo: "f.inbox");
        Assert.Equal("marker", (await onD.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
        Assert.Equal("marker", (await onE.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
    }
}
