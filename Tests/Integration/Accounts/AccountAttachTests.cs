using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.Routing;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Accounts;

/// P exports p.>, Q imports it and exports q.>, R imports that; IDLE stands alone; S exports a
/// service that T imports; U and V have nothing to do with each other (a test gives U a route
/// to V); AccountAttachTests.LazyShards use accounts of their own. Each test uses accounts no other test
/// touches, so the "not attached yet" states it checks are its own.
public sealed class AccountAttachFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            HasAccounts = true,
            Users =
            [
                User("idle", "IDLE"), User("p", "P"), User("q", "Q"), User("r", "R"), User("p2", "P2"), User("q2", "Q2"), User("s", "S"), User("t", "T"), User("u", "U"), User("v", "V"),
                .. LazyShardAccounts.Select(a => User(a.ToLowerInvariant(), a)),
            ],
        },
        Accounts =
        [
            new AccountConfig("IDLE", [], [], [], false),
            new AccountConfig("P", [Stream("p.>")], [], [], false),
            new AccountConfig("Q", [Stream("q.>")], [new AccountImport(ExportKind.Stream, "P", "p.>", null, null, false)], [], false),
            new AccountConfig("R", [], [new AccountImport(ExportKind.Stream, "Q", "q.>", null, null, false)], [], false),
            new AccountConfig("P2", [Stream("p2.>")], [], [], false),
            new AccountConfig("Q2", [], [new AccountImport(ExportKind.Stream, "P2", "p2.>", null, null, false)], [], false),
            new AccountConfig("S", [new AccountExport(ExportKind.Service, "s.>", null, ResponseType.Singleton, AccountExport.DefaultResponseThreshold, null)], [], [], false),
            new AccountConfig("T", [], [new AccountImport(ExportKind.Service, "S", "s.>", null, null, false)], [], false),
            new AccountConfig("U", [], [], [], false),
            new AccountConfig("V", [], [], [], false),
            .. LazyShardAccounts.Select(a => new AccountConfig(a, [], [], [], false)),
        ],
    };

    /// Accounts of the shard tests (AccountAttachTests.LazyShards), one or more per test: L, W, X, Y, Z and RACE0 … RACE11.
    public static string[] LazyShardAccounts { get; } = ["L", "W", "X", "Y", "Z", .. Enumerable.Range(0, 12).Select(i => $"RACE{i}")];

    private static AccountExport Stream(string subject) =>
        new(ExportKind.Stream, subject, null, ResponseType.Singleton, AccountExport.DefaultResponseThreshold, null);

    private static UserConfig User(string name, string account) => new(name, "pw", null, account, null, []);
}

public sealed partial class AccountAttachTests(AccountAttachFixture broker) : IClassFixture<AccountAttachFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_account_costs_no_shard_grain_until_a_client_subscribes_in_it()
    {
        Assert.False(broker.A.FindAccount("IDLE")?.IsAttached ?? false);
        Assert.False(broker.B.FindAccount("IDLE")?.IsAttached ?? false);
        Assert.Empty(await ShardActivationsOf(broker, "IDLE"));

        // A client that subscribes to nothing (NATS.Net subscribes to its inbox).
        var (client, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var _ = client;
        await client.SendAsync("CONNECT {\"user\":\"idle\",\"pass\":\"pw\",\"verbose\":false}\r\nPING\r\n");
        await client.ExpectLineAsync("PONG");

        // Attached, but without a subscription nothing starts a shard (AccountAttachTests.LazyShards).
        Assert.True(broker.A.FindAccount("IDLE")!.IsAttached);
        Assert.False(broker.B.FindAccount("IDLE")?.IsAttached ?? false);
        Assert.Empty(await ShardActivationsOf(broker, "IDLE"));
    }

    [Fact]
    public async Task A_login_attaches_the_accounts_its_publishes_reach_before_it_is_answered_and_no_others()
    {
        Assert.False(broker.A.FindAccount("P")!.IsAttached);
        Assert.False(broker.A.FindAccount("Q")!.IsAttached);
        Assert.False(broker.A.FindAccount("R")!.IsAttached);

        await using var p = await broker.ConnectAsAsync("p");

        Assert.True(broker.A.FindAccount("P")!.IsAttached);
        Assert.True(broker.A.FindAccount("Q")!.IsAttached);
        Assert.True(broker.A.FindAccount("P")!.EnsureAttachedAsync().IsCompletedSuccessfully);

        // R imports Q's stream, but what P's publishes bring into Q is not imported again (as in
        // nats-server 2.9.10): nothing of P's reaches R, so R stays unattached.
        Assert.False(broker.A.FindAccount("R")!.IsAttached);
    }

    [Fact]
    public async Task The_first_message_of_a_new_account_reaches_an_importer_on_the_other_gateway()
    {
        // Q2's subscriber is on B; nothing of P2 or Q2 is attached on A until p2 logs in there.
        await using var q2 = await broker.ConnectAsAsync("q2", toB: true);
        await using var sub = await q2.SubscribeCoreAsync<string>("p2.first");
        await q2.PingAsync();
        Assert.False(broker.A.FindAccount("Q2")!.IsAttached);

        // CONNECT and PUB in one write: the PUB is parsed in the same pass as the login.
        var (p2, _) = await RawClient.ConnectAsync(broker.PortA);
        await using var _ = p2;
        await p2.SendAsync("CONNECT {\"user\":\"p2\",\"pass\":\"pw\",\"verbose\":false}\r\nPUB p2.first 19\r\nright after CONNECT\r\nPING\r\n");
        await p2.ExpectLineAsync("PONG");

        var message = await sub.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("right after CONNECT", message.Data);
    }

    [Fact]
    public async Task A_service_import_reaches_its_responder_on_the_other_gateway_at_the_first_request()
    {
        await using var s = await broker.ConnectAsAsync("s", toB: true);
        await using var responder = await s.SubscribeCoreAsync<string>("s.echo");
        await s.PingAsync();
        var answering = Responder.AnswerOnceAsync(responder, data => "echo: " + data, Timeout);

        await using var t = await broker.ConnectAsAsync("t");
        var reply = await t.RequestAsync<string, string>("s.echo", "first").AsTask().WaitAsync(Timeout);

        Assert.Equal("echo: first", reply.Data);
        await answering;
    }

    [Fact]
    public async Task A_route_installed_later_in_an_attached_account_attaches_its_target()
    {
        await using var u = await broker.ConnectAsAsync("u");
        var routing = broker.A.FindAccount("U")!;
        var target = broker.A.FindAccount("V")!;
        Assert.False(target.IsAttached);

        // What a stream import granted after the login does (AccountWiring.OnStreamImports).
        routing.SetStreamImports([.. routing.StreamImports, new StreamImportRoute("u.>"u8.ToArray(), target, SubjectTransform.Create("u.>", null, null))]);

        Assert.True(target.IsAttached);
        await target.EnsureAttachedAsync().WaitAsync(Timeout);
    }

    /// The keys (`account|shard`) of the account's shard grains that are active.
    internal static async Task<string[]> ShardActivationsOf(BrokerFixture broker, string account)
    {
        var management = broker.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var grains = await management.GetDetailedGrainStatistics();
        return [.. grains.Select(g => g.GrainId.Key.ToString()!).Where(key => key.StartsWith(account + "|", StringComparison.Ordinal))];
    }
}
