using System.Text.Json;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;
using NATS.Client.Core;

namespace Natrium.Tests.Integration.Operator;

/// The resolver API over the system account (spec/jwt.md §8) with the MEMORY resolver, and what
/// an accepted update does to live connections (§9), across gateways: a push through one
/// gateway acts on users connected to the other.
public sealed class ClaimsUpdateTests(OperatorFixture broker) : IClassFixture<OperatorFixture>
{
    private OperatorKit Kit => broker.Kit;

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task Push_revoking_a_user_closes_it_on_the_other_gateway_with_user_authentication_revoked()
    {
        var account = broker.Spares[0];
        var user = Kit.Key(NKeyPrefix.User);
        var (client, info) = await RawClient.ConnectAsync(broker.PortB);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(Kit.User(user, account, "victim"), user, info));
            await client.PingAsync();

            var revoking = Kit.Account(account, "spare0", n => n with { Revocations = new Dictionary<string, long> { [user.PublicKey] = Now + 60 } });
            var reply = await PushAsync($"$SYS.REQ.ACCOUNT.{account.PublicKey}.CLAIMS.UPDATE", revoking, toB: false);
            Assert.Equal("jwt updated", reply.GetProperty("data").GetProperty("message").GetString());
            Assert.Equal("-ERR 'User Authentication Revoked'\r\n", await client.ExpectClosedAsync());
        }

        // And it cannot come back.
        var (again, info2) = await RawClient.ConnectAsync(broker.PortA);
        await using (again)
        {
            await again.SendAsync(OperatorKit.Connect(Kit.User(user, account, "victim"), user, info2) + "PING\r\n");
            Assert.Equal("-ERR 'Authorization Violation'\r\n", await again.ExpectClosedAsync());
        }
    }

    [Fact]
    public async Task Push_with_narrower_default_permissions_revokes_a_subscription()
    {
        var account = broker.Spares[1];
        var user = Kit.Key(NKeyPrefix.User);
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(Kit.User(user, account, "u"), user, info) + "SUB wide.x 5\r\n");
            await client.PingAsync();
            var narrower = Kit.Account(account, "spare1", n => n with { DefaultPermissions = new JwtPermissions { Sub = new Permission { Allow = ["narrow.>"] } } });
            await PushAsync($"$SYS.REQ.ACCOUNT.{account.PublicKey}.CLAIMS.UPDATE", narrower, toB: true);
            await client.ExpectLineAsync("-ERR 'Permissions Violation for Subscription to \"wide.x\" (sid \"5\")'");
        }
    }

    [Fact]
    public async Task Push_lowering_the_connection_limit_closes_the_oldest_connections()
    {
        var account = broker.Spares[2];
        var clients = new List<RawClient>();
        try
        {
            foreach (var port in new[] { broker.PortA, broker.PortB, broker.PortA })
            {
                var user = Kit.Key(NKeyPrefix.User);
                var (client, info) = await RawClient.ConnectAsync(port);
                await client.SendAsync(OperatorKit.Connect(Kit.User(user, account, "u"), user, info));
                await client.PingAsync();
                clients.Add(client);
            }

            await PushAsync($"$SYS.REQ.ACCOUNT.{account.PublicKey}.CLAIMS.UPDATE", Kit.Account(account, "spare2", n => n with { Limits = OperatorKit.Unlimited with { Conn = 1 } }), toB: false);
            Assert.Equal("-ERR 'maximum account active connections exceeded'\r\n", await clients[0].ExpectClosedAsync());
            Assert.Equal("-ERR 'maximum account active connections exceeded'\r\n", await clients[1].ExpectClosedAsync());
            await clients[2].PingAsync();
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Forged_older_mismatched_and_garbage_pushes_are_refused_and_change_nothing()
    {
        var account = broker.Spares[3];
        using var rogue = NKeyPair.Create(NKeyPrefix.Operator);
        var forged = Kit.Account(account, "forged", n => n with { Revocations = new Dictionary<string, long> { ["*"] = Now + 60 } }, signer: rogue);
        var older = Kit.Account(account, "older", issuedAt: Now - 3600);
        var refusals = new (string Subject, string Jwt, string Description)[]
        {
            ($"$SYS.REQ.ACCOUNT.{account.PublicKey}.CLAIMS.UPDATE", forged, "jwt update resulted in error - account validation failed"),
            ($"$SYS.REQ.ACCOUNT.{account.PublicKey}.CLAIMS.UPDATE", older, "jwt update resulted in error - jwt is older than the one in use"),
            ($"$SYS.REQ.ACCOUNT.{broker.Spares[4].PublicKey}.CLAIMS.UPDATE", Kit.Account(account, "x"), "jwt update resulted in error - subject does not match jwt content"),
            ($"$SYS.REQ.ACCOUNT.{account.PublicKey}.CLAIMS.UPDATE", "garbage", "jwt update resulted in error - expected 3 chunks"),
        };
        foreach (var (subject, jwt, description) in refusals)
        {
            var reply = await PushAsync(subject, jwt, toB: false);
            Assert.Equal(description, reply.GetProperty("error").GetProperty("description").GetString());
            Assert.Equal(500, reply.GetProperty("error").GetProperty("code").GetInt32());
        }

        // The account still works: the forged "*" revocation was not applied.
        await using var nc = await broker.ConnectUserAsync(account, "still-in");
        await nc.PingAsync();
    }

    [Fact]
    public async Task Memory_resolver_skips_an_update_for_an_account_it_does_not_hold()
    {
        var stranger = Kit.Key(NKeyPrefix.Account);
        var reply = await PushAsync($"$SYS.REQ.ACCOUNT.{stranger.PublicKey}.CLAIMS.UPDATE", Kit.Account(stranger, "new"), toB: false);
        Assert.Equal("jwt update skipped", reply.GetProperty("data").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Legacy_update_subject_is_answered_too()
    {
        var account = broker.Spares[5];
        var reply = await PushAsync($"$SYS.ACCOUNT.{account.PublicKey}.CLAIMS.UPDATE", Kit.Account(account, "legacy"), toB: true);
        Assert.Equal(account.PublicKey, reply.GetProperty("data").GetProperty("account").GetString());
    }

    [Fact]
    public async Task Only_the_system_account_reaches_the_resolver()
    {
        // In its own account a user's publish to $SYS subjects is an ordinary subject: no answer.
        await using var nc = await broker.ConnectUserAsync(broker.AccountA, "curious");
        var account = broker.Spares[6];
        await Assert.ThrowsAsync<NatsNoRespondersException>(async () =>
            await nc.RequestAsync<string, string>($"$SYS.REQ.ACCOUNT.{account.PublicKey}.CLAIMS.UPDATE", Kit.Account(account, "hijack", n => n with { Revocations = new Dictionary<string, long> { ["*"] = Now + 60 } })));
        await using var user = await broker.ConnectUserAsync(account, "unaffected");
        await user.PingAsync();
    }

    [Fact]
    public async Task Push_adding_then_removing_a_service_import_wires_and_unwires_it_live()
    {
        var importer = broker.Spares[7];
        await using var responder = await broker.ConnectUserAsync(broker.AccountA, "responder", toB: true);
        await using var sub = await responder.SubscribeCoreAsync<string>("a.svc.live");
        await responder.PingAsync();
        _ = Task.Run(async () =>
        {
            await foreach (var request in sub.Msgs.ReadAllAsync())
            {
                await request.ReplyAsync("live");
            }
        });
        await using var requester = await broker.ConnectUserAsync(importer, "requester");
        await Assert.ThrowsAsync<NatsNoRespondersException>(async () => await requester.RequestAsync<string, string>("a.svc.live", "?"));

        var withImport = Kit.Account(importer, "spare7", n => n with
        {
            Imports = [new Import { Account = broker.AccountA.PublicKey, Subject = "a.svc.live", Type = ExportType.Service }],
        });
        await PushAsync($"$SYS.REQ.ACCOUNT.{importer.PublicKey}.CLAIMS.UPDATE", withImport, toB: true);
        await Eventually.TrueAsync(async () => await AnswersAsync(requester), "the pushed import answers");

        await PushAsync($"$SYS.REQ.ACCOUNT.{importer.PublicKey}.CLAIMS.UPDATE", Kit.Account(importer, "spare7"), toB: false);
        await Eventually.TrueAsync(async () => !await AnswersAsync(requester), "the removed import no longer answers");
    }

    [Fact]
    public async Task Pushed_mapping_applies_to_the_next_publish()
    {
        var account = broker.Spares[8];
        await using var nc = await broker.ConnectUserAsync(account, "mapper");
        await using var sub = await nc.SubscribeCoreAsync<string>("m.out");
        await nc.PingAsync();
        var mapped = Kit.Account(account, "spare8", n => n with
        {
            Mappings = new Dictionary<string, IReadOnlyList<WeightedMapping>> { ["m.in"] = [new WeightedMapping { Subject = "m.out", Weight = 100 }] },
        });
        await PushAsync($"$SYS.REQ.ACCOUNT.{account.PublicKey}.CLAIMS.UPDATE", mapped, toB: false);
        await Eventually.TrueAsync(async () =>
        {
            await nc.PublishAsync("m.in", "mapped");
            await nc.PingAsync();
            return sub.Msgs.TryRead(out var msg) && msg.Data == "mapped";
        }, "a publish to m.in arrives on m.out");
    }

    [Fact]
    public async Task Pushed_account_expiring_ends_its_sessions_with_account_authentication_expired()
    {
        var account = broker.Spares[9];
        var user = Kit.Key(NKeyPrefix.User);
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(Kit.User(user, account, "short-lived"), user, info));
            await client.PingAsync();
            await PushAsync($"$SYS.REQ.ACCOUNT.{account.PublicKey}.CLAIMS.UPDATE", Kit.Account(account, "spare9", expires: Now + 2), toB: true);
            Assert.Equal("-ERR 'Account Authentication Expired'\r\n", await client.ExpectClosedAsync(TimeSpan.FromSeconds(10)));
        }
    }

    private static async Task<bool> AnswersAsync(NatsConnection requester)
    {
        try
        {
            return (await requester.RequestAsync<string, string>("a.svc.live", "?").AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Data == "live";
        }
        catch (NatsNoRespondersException)
        {
            return false;
        }
    }

    private async Task<JsonElement> PushAsync(string subject, string jwt, bool toB)
    {
        await using var sys = await broker.ConnectAsync(toB, o => o with { AuthOpts = OperatorKit.Credentials(Kit.SystemUserJwt, Kit.SystemUser) });
        var reply = await sys.RequestAsync<string, string>(subject, jwt).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return JsonDocument.Parse(reply.Data!).RootElement;
    }
}
