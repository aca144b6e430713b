using System.Text.Json;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;
using NATS.Client.Core;

namespace Natrium.Tests.Integration.Operator;

/// resolver_pinned_accounts lets only A (and the system account) in; default_sentinel is a
/// bearer user of A with narrow permissions, used by a CONNECT that brings no JWT.
public sealed class PinnedFixture : BrokerFixture
{
    public PinnedFixture()
    {
        Pinned = Kit.Key(NKeyPrefix.Account);
        Other = Kit.Key(NKeyPrefix.Account);
        var sentinel = Kit.Key(NKeyPrefix.User);
        Sentinel = Kit.User(sentinel, Pinned, "sentinel", n => n with { BearerToken = true, Pub = new Permission { Allow = ["public.>"] } });
    }

    public OperatorKit Kit { get; } = new();

    public NKeyPair Pinned { get; }

    public NKeyPair Other { get; }

    public string Sentinel { get; }

    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Operators = Kit.Memory((Pinned, Kit.Account(Pinned, "pinned")), (Other, Kit.Account(Other, "other"))) with
        {
            PinnedAccounts = [Pinned.PublicKey, Kit.SystemAccount.PublicKey],
            DefaultSentinel = Sentinel,
        },
        SystemAccount = Kit.SystemAccount.PublicKey,
    };
}

public sealed class OperatorOptionsTests(PinnedFixture broker) : IClassFixture<PinnedFixture>
{
    [Fact]
    public async Task Account_outside_resolver_pinned_accounts_is_refused()
    {
        var user = broker.Kit.Key(NKeyPrefix.User);
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(broker.Kit.User(user, broker.Other, "outsider"), user, info) + "PING\r\n");
            Assert.Equal("-ERR 'Authorization Violation'\r\n", await client.ExpectClosedAsync());
        }

        var insider = broker.Kit.Key(NKeyPrefix.User);
        await using var nc = await broker.ConnectAsync(configure: o => o with { AuthOpts = OperatorKit.Credentials(broker.Kit.User(insider, broker.Pinned, "insider"), insider) });
        await nc.PingAsync();
    }

    [Fact]
    public async Task Connect_without_a_jwt_logs_in_as_the_default_sentinel()
    {
        var (client, _) = await RawClient.ConnectAsync(broker.PortB);
        await using (client)
        {
            await client.SendAsync("CONNECT {\"verbose\":false}\r\nPUB public.x 1\r\na\r\nPUB secret.x 1\r\na\r\nPING\r\n");
            var received = await client.ReadThroughAsync("PONG\r\n");
            Assert.Contains("-ERR 'Permissions Violation for Publish to \"secret.x\"'", received, StringComparison.Ordinal);
            Assert.DoesNotContain("public.x", received, StringComparison.Ordinal);
        }
    }
}

/// Connect and disconnect advisories of JWT users (spec/jwt.md §10): keyed by the account's
/// public key, carrying the user's key, the JWT's name and tags.
public sealed class OperatorEventsTests(OperatorFixture broker) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task Connect_event_names_the_jwt_user_its_name_and_tags()
    {
        await using var sys = await broker.ConnectAsync(toB: true, o => o with { AuthOpts = OperatorKit.Credentials(broker.Kit.SystemUserJwt, broker.Kit.SystemUser) });
        await using var events = await sys.SubscribeCoreAsync<string>($"$SYS.ACCOUNT.{broker.AccountA.PublicKey}.CONNECT");
        await sys.PingAsync();

        var user = broker.Kit.Key(NKeyPrefix.User);
        var jwt = broker.Kit.User(user, broker.AccountA, "evented", n => n with { Tags = ["team:blue"] });
        await using var nc = await broker.ConnectAsync(configure: o => o with { AuthOpts = OperatorKit.Credentials(jwt, user) });
        await nc.PingAsync();

        var client = await Eventually.ReadAsync(events, e => JsonDocument.Parse(e).RootElement.GetProperty("client"), c => c.GetProperty("user").GetString() == user.PublicKey);
        Assert.Equal(broker.AccountA.PublicKey, client.GetProperty("acc").GetString());
        Assert.Equal("evented", client.GetProperty("name_tag").GetString());
        Assert.Equal(["team:blue"], client.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }
}
