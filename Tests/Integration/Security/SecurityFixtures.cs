using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;
using Org.BouncyCastle.Crypto.Generators;

namespace Natrium.Tests.Integration.Security;

/// Secrets and keys used by the security tests; bcrypt hashes and NKEYs are made at run time.
public static class TestSecrets
{
    public const string Token = "s3cr3t-token";
    public const string AlicePassword = "alice-pw";
    public const string BobPassword = "bob-pw";

    public static readonly NATS.NKeys.KeyPair NkeyUser = NATS.NKeys.KeyPair.CreatePair(NATS.NKeys.PrefixByte.User);

    /// bcrypt at cost 4 keeps tests fast; nats-server accepts any cost.
    public static string Bcrypt(string secret) =>
        OpenBsdBCrypt.Generate(secret.ToCharArray(), System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), 4);

    public static UserConfig User(string name, string? password, PermissionsConfig? permissions = null) =>
        new(name, password, null, AccountNames.Global, permissions, []);
}

public sealed class TokenFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig { Token = TestSecrets.Token },
    };
}

public sealed class BcryptTokenFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig { Token = TestSecrets.Bcrypt(TestSecrets.Token) },
    };
}

/// A users list: a bcrypt user with permissions, a plain user who gets the defaults, an NKEY
/// user, and no_auth_user pointing at the plain user; plus a short auth timeout.
public sealed class UsersFixture : BrokerFixture
{
    public static readonly PermissionsConfig AlicePermissions = new(
        new SubjectPermission(["alice.>", "_INBOX.>"], ["alice.secret"]),
        new SubjectPermission(["alice.>", "_INBOX.>", "jobs.* workers"], ["alice.hidden.>"]),
        null);

    public static readonly PermissionsConfig Defaults = new(new SubjectPermission(["def.>", "_INBOX.>"], null), null, null);

    public static readonly PermissionsConfig Responder = new(new SubjectPermission(null, [">"]), new SubjectPermission(["svc.>"], null), new ResponsePermission(2, TimeSpan.FromMinutes(1)));

    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            Users =
            [
                TestSecrets.User("alice", TestSecrets.Bcrypt(TestSecrets.AlicePassword), AlicePermissions),
                TestSecrets.User("bob", TestSecrets.BobPassword, Defaults),
                TestSecrets.User("responder", "responder-pw", Responder),
                new UserConfig(null, null, TestSecrets.NkeyUser.GetPublicKey(), AccountNames.Global, null, []),
            ],
            NoAuthUser = "bob",
            Timeout = TimeSpan.FromSeconds(1),
        },
    };
}
