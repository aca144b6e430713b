using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;
using NATS.Client.Core;

namespace Natrium.Tests.Integration.Operator;

/// Operator mode with the MEMORY resolver: two gateways trusting one operator, with accounts
/// preloaded (spec/jwt.md §8). Account A exports; B imports from A; Tight has small limits;
/// Expired and Untrusted are unusable; Signed has a plain and a scoped signing key.
public class OperatorFixture : BrokerFixture
{
    public OperatorFixture()
    {
        AccountA = Kit.Key(NKeyPrefix.Account);
        AccountB = Kit.Key(NKeyPrefix.Account);
        Tight = Kit.Key(NKeyPrefix.Account);
        Expired = Kit.Key(NKeyPrefix.Account);
        Untrusted = Kit.Key(NKeyPrefix.Account);
        Signed = Kit.Key(NKeyPrefix.Account);
        ASigner = Kit.Key(NKeyPrefix.Account);
        Scope = Kit.Key(NKeyPrefix.Account);
        RevokedUser = Kit.Key(NKeyPrefix.User);
        NoBearer = Kit.Key(NKeyPrefix.Account);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        AJwt = Kit.Account(AccountA, "A", n => n with
        {
            SigningKeys = [SigningKey.Plain(ASigner.PublicKey)],
            Revocations = new Dictionary<string, long> { [RevokedUser.PublicKey] = now + 3600 },
            Exports =
            [
                new Export { Subject = "a.news.>", Type = ExportType.Stream },
                new Export { Subject = "a.svc.>", Type = ExportType.Service },
                new Export { Subject = "a.priv", Type = ExportType.Service, TokenRequired = true },
            ],
        });
        var activationForB = JwtEncoder.Encode(new ActivationClaims
        {
            Subject = AccountB.PublicKey,
            Nats = new ActivationNats { Subject = "a.priv", Kind = ExportType.Service },
        }, AccountA);
        Thief = Kit.Key(NKeyPrefix.Account);
        ThiefJwt = Kit.Account(Thief, "Thief", n => n with
        {
            // B's activation token, copied: it names B, so it does not admit Thief.
            Imports = [new Import { Account = AccountA.PublicKey, Subject = "a.priv", Token = activationForB, Type = ExportType.Service }],
        });
        BJwt = Kit.Account(AccountB, "B", n => n with
        {
            Imports =
            [
                new Import { Account = AccountA.PublicKey, Subject = "a.news.>", LocalSubject = "from.a.news.>", Type = ExportType.Stream },
                new Import { Account = AccountA.PublicKey, Subject = "a.svc.echo", Type = ExportType.Service },
                new Import { Account = AccountA.PublicKey, Subject = "a.priv", Token = activationForB, Type = ExportType.Service },
            ],
        });
        TightJwt = Kit.Account(Tight, "Tight", n => n with { Limits = OperatorKit.Unlimited with { Conn = 1 } });
        ExpiredJwt = Kit.Account(Expired, "Expired", expires: now - 60);
        using var rogue = Natrium.Contracts.Keys.NKeyPair.Create(NKeyPrefix.Operator);
        UntrustedJwt = Kit.Account(Untrusted, "Untrusted", signer: rogue);
        SignedJwt = Kit.Account(Signed, "Signed", n => n with
        {
            SigningKeys =
            [
                SigningKey.Scoped(new UserScope
                {
                    Key = Scope.PublicKey,
                    Role = "scoped",
                    Template = new UserPermissionLimits
                    {
                        Pub = new Permission { Allow = ["scoped.{{name()}}.>", "_INBOX.>"] },
                        Sub = new Permission { Allow = ["scoped.{{name()}}.>", "_INBOX.>"] },
                        Subs = -1, Data = -1, Payload = -1,
                    },
                }),
            ],
            DefaultPermissions = new JwtPermissions { Pub = new Permission { Allow = ["def.>"] } },
        });
        NoBearerJwt = Kit.Account(NoBearer, "NoBearer", n => n with { Limits = OperatorKit.Unlimited with { DisallowBearer = true } });
        Spares = Enumerable.Range(0, SpareCount).Select(_ => Kit.Key(NKeyPrefix.Account)).ToArray();
        SpareJwts = Spares.Select((k, i) => Kit.Account(k, "spare" + i, issuedAt: now - 60)).ToArray();
    }

    private const int SpareCount = 10;

    /// Preloaded accounts for tests that push changes to them, one each.
    public NKeyPair[] Spares { get; }

    public string[] SpareJwts { get; }

    public OperatorKit Kit { get; } = new();

    public NKeyPair AccountA { get; }

    public NKeyPair AccountB { get; }

    public NKeyPair Tight { get; }

    public NKeyPair Expired { get; }

    public NKeyPair Untrusted { get; }

    public NKeyPair Signed { get; }

    /// A plain signing key of A.
    public NKeyPair ASigner { get; }

    /// The scoped signing key of Signed.
    public NKeyPair Scope { get; }

    /// Revoked in A's JWT (until an hour from the fixture's start).
    public NKeyPair RevokedUser { get; }

    public NKeyPair NoBearer { get; }

    /// Imports A's private service with B's activation token.
    public NKeyPair Thief { get; }

    public string ThiefJwt { get; }

    public string AJwt { get; }

    public string BJwt { get; }

    public string TightJwt { get; }

    public string ExpiredJwt { get; }

    public string UntrustedJwt { get; }

    public string SignedJwt { get; }

    public string NoBearerJwt { get; }

    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Operators = Kit.Memory([(AccountA, AJwt), (AccountB, BJwt), (Tight, TightJwt), (Expired, ExpiredJwt), (Untrusted, UntrustedJwt), (Signed, SignedJwt), (NoBearer, NoBearerJwt), (Thief, ThiefJwt), .. Spares.Zip(SpareJwts)]),
        SystemAccount = Kit.SystemAccount.PublicKey,
    };

    /// A fresh user of the account, issued by it, and a NATS.Net connection for it.
    public async Task<NatsConnection> ConnectUserAsync(NKeyPair account, string name, bool toB = false, Func<UserNats, UserNats>? configure = null)
    {
        var user = Kit.Key(NKeyPrefix.User);
        var jwt = Kit.User(user, account, name, configure);
        return await ConnectAsync(toB, o => o with { AuthOpts = OperatorKit.Credentials(jwt, user) });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Kit.Dispose();
    }
}
