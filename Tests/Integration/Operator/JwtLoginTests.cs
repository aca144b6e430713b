using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Tests.TestKit;
using NATS.Client.Core;

namespace Natrium.Tests.Integration.Operator;

/// CONNECT in operator mode (spec/jwt.md §7): a user JWT issued by a trusted account, the
/// nonce signed by the user, and every reason to refuse one, each seen on the raw wire as
/// nats-server 2.9.10 answers it: `-ERR 'Authorization Violation'` and a close.
public sealed class JwtLoginTests(OperatorFixture broker) : IClassFixture<OperatorFixture>
{
    private const string Violation = "-ERR 'Authorization Violation'\r\n";

    private OperatorKit Kit => broker.Kit;

    [Fact]
    public async Task User_jwt_with_signed_nonce_logs_in_and_messages_cross_gateways()
    {
        await using var subscriber = await broker.ConnectUserAsync(broker.AccountA, "sub", toB: true);
        await using var publisher = await broker.ConnectUserAsync(broker.AccountA, "pub");
        await using var sub = await subscriber.SubscribeCoreAsync<string>("jwt.hello");
        await subscriber.PingAsync();
        await publisher.PublishAsync("jwt.hello", "hi");
        var msg = await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("hi", msg.Data);
    }

    [Fact]
    public async Task Creds_file_as_nsc_writes_it_logs_in_through_natsnet()
    {
        var user = Kit.Key(NKeyPrefix.User);
        var creds = Path.Combine(Directory.CreateTempSubdirectory("natrium-creds-").FullName, "user.creds");
        await File.WriteAllTextAsync(creds, UserCredentials.Format(Kit.User(user, broker.AccountA, "creds-user"), user));
        await using var nc = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { CredsFile = creds } });
        await nc.PingAsync();
        File.Delete(creds);
    }

    [Fact]
    public async Task Bearer_user_needs_no_signature_unless_the_account_disallows_bearer()
    {
        var user = Kit.Key(NKeyPrefix.User);
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(Kit.User(user, broker.AccountA, "bearer", n => n with { BearerToken = true }), null, info));
            await client.PingAsync();
        }

        await ExpectRefusedAsync(Kit.User(user, broker.NoBearer, "bearer", n => n with { BearerToken = true }), null);
    }

    [Fact]
    public async Task Signing_key_user_with_issuer_account_logs_in_and_without_it_is_refused()
    {
        var user = Kit.Key(NKeyPrefix.User);
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(Kit.User(user, broker.AccountA, "sk", issuer: broker.ASigner), user, info));
            await client.PingAsync();
        }

        // Signed by A's signing key but naming no account: its issuer is taken as the account.
        var orphan = JwtEncoder.Encode(new UserClaims { Subject = user.PublicKey, Nats = UserNats.Unlimited }, broker.ASigner);
        await ExpectRefusedAsync(orphan, user);
    }

    public static TheoryData<string> Refusals() => new()
    {
        "no jwt", "garbage jwt", "missing signature", "signature by another key", "expired user", "user not yet valid",
        "unknown account", "untrusted account", "expired account", "issuer not the account", "revoked user",
        "source network", "outside its times", "websocket only", "scoped user with own permissions",
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_login_gets_authorization_violation_and_is_closed(string why)
    {
        var user = Kit.Key(NKeyPrefix.User);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var stranger = Kit.Key(NKeyPrefix.Account);
        var (jwt, signer) = why switch
        {
            "no jwt" => (string.Empty, user),
            "garbage jwt" => ("not.a.jwt", user),
            "missing signature" => (Kit.User(user, broker.AccountA, "u"), null),
            "signature by another key" => (Kit.User(user, broker.AccountA, "u"), Kit.Key(NKeyPrefix.User)),
            "expired user" => (Kit.User(user, broker.AccountA, "u", expires: now - 10), user),
            "user not yet valid" => (Kit.User(user, broker.AccountA, "u", notBefore: now + 3600), user),
            "unknown account" => (Kit.User(user, stranger, "u"), user),
            "untrusted account" => (Kit.User(user, broker.Untrusted, "u"), user),
            "expired account" => (Kit.User(user, broker.Expired, "u"), user),
            "issuer not the account" => (Kit.User(user, broker.AccountA, "u", issuer: stranger), user),
            "revoked user" => (Kit.User(broker.RevokedUser, broker.AccountA, "u"), broker.RevokedUser),
            "source network" => (Kit.User(user, broker.AccountA, "u", n => n with { Src = ["10.0.0.0/8"] }), user),
            "outside its times" => (Kit.User(user, broker.AccountA, "u", n => n with { Times = [OutsideNow()], TimesLocation = "UTC" }), user),
            "websocket only" => (Kit.User(user, broker.AccountA, "u", n => n with { AllowedConnectionTypes = ["WEBSOCKET"] }), user),
            "scoped user with own permissions" => (Kit.User(user, broker.Signed, "u", n => n with { Pub = new Permission { Allow = [">"] } }, issuer: broker.Scope), user),
            _ => throw new ArgumentException(why),
        };
        if (why == "no jwt")
        {
            var (client, _) = await RawClient.ConnectAsync(broker.PortA);
            await using (client)
            {
                await client.SendAsync("CONNECT {\"verbose\":false}\r\nPING\r\n");
                Assert.Equal(Violation, await client.ExpectClosedAsync());
            }

            return;
        }

        await ExpectRefusedAsync(jwt, signer);
    }

    [Fact]
    public async Task Operation_before_connect_is_refused_in_operator_mode()
    {
        var (client, _) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync("SUB x 1\r\n");
            Assert.Equal(Violation, await client.ExpectClosedAsync());
        }
    }

    [Fact]
    public async Task Info_always_carries_a_nonce_and_auth_required()
    {
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            Assert.Contains("\"auth_required\":true", info, StringComparison.Ordinal);
            Assert.Contains("\"nonce\":\"", info, StringComparison.Ordinal);
        }
    }

    private async Task ExpectRefusedAsync(string jwt, NKeyPair? signer)
    {
        var (client, info) = await RawClient.ConnectAsync(broker.PortA);
        await using (client)
        {
            await client.SendAsync(OperatorKit.Connect(jwt, signer, info) + "PING\r\n");
            Assert.Equal(Violation, await client.ExpectClosedAsync());
        }
    }

    /// A one-minute window twelve hours away from now (UTC).
    private static TimeRange OutsideNow()
    {
        var start = DateTime.UtcNow.AddHours(12);
        return new TimeRange { Start = start.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), End = start.AddMinutes(1).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) };
    }
}
