using NATS.Client.Core;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Accounts;

/// A exports services; B imports them (one renamed). Requests cross accounts with the reply
/// rewritten to `_R_`, on one gateway and across two (spec/accounts.md §5).
public sealed class ServiceImportFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig { HasAccounts = true, Users = [User("a", "A"), User("b", "B"), User("c", "C")] },
        Accounts =
        [
            new AccountConfig("A",
                [
                    new AccountExport(ExportKind.Service, "svc.>", null, ResponseType.Singleton, AccountExport.DefaultResponseThreshold, null),
                    new AccountExport(ExportKind.Service, "feed.*", null, ResponseType.Stream, TimeSpan.FromSeconds(5), null),
                    new AccountExport(ExportKind.Service, "priv.svc", ["B"], ResponseType.Singleton, AccountExport.DefaultResponseThreshold, null),
                    new AccountExport(ExportKind.Service, "chunks", null, ResponseType.Chunked, TimeSpan.FromMilliseconds(300), null),
                ],
                [], [], false),
            new AccountConfig("B", [],
                [
                    new AccountImport(ExportKind.Service, "A", "svc.echo", null, null, false),
                    new AccountImport(ExportKind.Service, "A", "svc.time", "local.time", null, false),
                    new AccountImport(ExportKind.Service, "A", "feed.news", null, null, false),
                    new AccountImport(ExportKind.Service, "A", "chunks", null, null, false),
                ],
                [], false),
            new AccountConfig("C", [], [], [], false),
        ],
    };

    private static UserConfig User(string name, string account) => new(name, "pw", null, account, null, []);
}

public sealed class ServiceImportTests(ServiceImportFixture broker) : IClassFixture<ServiceImportFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Request_in_the_importing_account_is_answered_by_the_exporter(bool acrossGateways)
    {
        await using var responder = await broker.ConnectAsAsync("a", toB: acrossGateways);
        await using var requester = await broker.ConnectAsAsync("b");
        await using var echo = await responder.SubscribeCoreAsync<string>("svc.echo");
        await using var time = await responder.SubscribeCoreAsync<string>("svc.time");
        await responder.PingAsync();
        var serving = Task.Run(async () =>
        {
            var request = await echo.Msgs.ReadAsync();
            Assert.StartsWith("_R_.", request.ReplyTo, StringComparison.Ordinal);
            await request.ReplyAsync("echo:" + request.Data);
            var timeRequest = await time.Msgs.ReadAsync();
            await timeRequest.ReplyAsync("noon");
        });

        var reply = await requester.RequestAsync<string, string>("svc.echo", "hi").AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("echo:hi", reply.Data);
        var renamed = await requester.RequestAsync<string, string>("local.time", "?").AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("noon", renamed.Data);
        await serving.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Singleton_service_delivers_one_response_and_stream_service_several()
    {
        var (r, _) = await RawClient.ConnectAsync(broker.PortA);
        var (q, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var responder = r;
        await using var requester = q;
        await responder.SendAsync("CONNECT {\"verbose\":false,\"user\":\"a\",\"pass\":\"pw\"}\r\nSUB svc.echo 1\r\nSUB feed.* 2\r\n");
        await responder.PingAsync();
        await requester.SendAsync("CONNECT {\"verbose\":false,\"user\":\"b\",\"pass\":\"pw\"}\r\nSUB inbox.> 9\r\nPUB svc.echo inbox.one 1\r\nx\r\n");
        var line = await responder.ExpectLineAsync("MSG svc.echo 1 _R_.");
        var rewritten = line.Split(' ')[3];
        await responder.SendAsync($"PUB {rewritten} 2\r\nr1\r\nPUB {rewritten} 2\r\nr2\r\n");
        await requester.ExpectAsync("MSG inbox.one 9 2\r\nr1\r\n");

        await requester.SendAsync("PUB feed.news inbox.two 1\r\ny\r\n");
        var feedLine = await responder.ExpectLineAsync("MSG feed.news 2 _R_.");
        var feedReply = feedLine.Split(' ')[3];
        await responder.SendAsync($"PUB {feedReply} 2\r\nf1\r\nPUB {feedReply} 2\r\nf2\r\n");
        await requester.ExpectAsync("MSG inbox.two 9 2\r\nf1\r\n");
        await requester.ExpectAsync("MSG inbox.two 9 2\r\nf2\r\n");

        // The singleton's second answer (r2) never arrived: the exact sequence above would have
        // broken, and nothing else is pending either.
        await requester.SendAsync("PING\r\n");
        Assert.Equal("PONG\r\n", await requester.ReadThroughAsync("PONG\r\n"));
    }

    [Fact]
    public async Task Chunked_service_answers_until_the_threshold_then_nothing()
    {
        var (r, _) = await RawClient.ConnectAsync(broker.PortA);
        var (q, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var responder = r;
        await using var requester = q;
        await responder.SendAsync("CONNECT {\"verbose\":false,\"user\":\"a\",\"pass\":\"pw\"}\r\nSUB chunks 1\r\n");
        await responder.PingAsync();
        await requester.SendAsync("CONNECT {\"verbose\":false,\"user\":\"b\",\"pass\":\"pw\"}\r\nSUB inbox.c 9\r\nPUB chunks inbox.c 1\r\nx\r\n");
        var rewritten = (await responder.ExpectLineAsync("MSG chunks 1 _R_.")).Split(' ')[3];
        await responder.SendAsync($"PUB {rewritten} 2\r\nc1\r\nPUB {rewritten} 2\r\nc2\r\n");
        await requester.ExpectAsync("MSG inbox.c 9 2\r\nc1\r\n");
        await requester.ExpectAsync("MSG inbox.c 9 2\r\nc2\r\n");

        // Past the 300 ms threshold the reply subject leads nowhere.
        await Eventually.TrueAsync(
            async () =>
            {
                await responder.SendAsync($"PUB {rewritten} 4\r\nlate\r\n");
                await responder.PingAsync();
                await requester.SendAsync("PING\r\n");
                return !(await requester.ReadThroughAsync("PONG\r\n")).Contains("late", StringComparison.Ordinal);
            },
            "a response after the threshold is not delivered",
            timeout: TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Account_without_the_import_gets_no_responders()
    {
        await using var responder = await broker.ConnectAsAsync("a");
        await using var svc = await responder.SubscribeCoreAsync<string>("svc.echo");
        await responder.PingAsync();
        await using var c = await broker.ConnectAsAsync("c");
        await Assert.ThrowsAsync<NatsNoRespondersException>(async () => await c.RequestAsync<string, string>("svc.echo", "x").AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
