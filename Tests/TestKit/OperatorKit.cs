using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using NATS.Client.Core;

namespace Natrium.Tests.TestKit;

/// An operator with a signing key, a system account, and helpers to issue accounts and users
/// the way nsc does (limits -1 unless set), made at run time with the project's JwtEncoder.
/// Seeds live only in memory for the test run.
public sealed class OperatorKit : IDisposable
{
    private readonly List<NKeyPair> _keys = [];

    public OperatorKit()
    {
        Operator = Key(NKeyPrefix.Operator);
        OperatorSigner = Key(NKeyPrefix.Operator);
        SystemAccount = Key(NKeyPrefix.Account);
        OperatorJwt = JwtEncoder.Encode(new OperatorClaims
        {
            Subject = Operator.PublicKey,
            Name = "test-operator",
            Nats = new() { SystemAccount = SystemAccount.PublicKey, SigningKeys = [OperatorSigner.PublicKey] },
        }, Operator);
        SystemJwt = Account(SystemAccount, "SYS");
        SystemUser = Key(NKeyPrefix.User);
        SystemUserJwt = User(SystemUser, SystemAccount, "sys-admin");
    }

    public NKeyPair Operator { get; }

    public NKeyPair OperatorSigner { get; }

    public NKeyPair SystemAccount { get; }

    public string OperatorJwt { get; }

    public string SystemJwt { get; }

    public NKeyPair SystemUser { get; }

    public string SystemUserJwt { get; }

    /// No limits, as nsc issues an account: every limit -1.
    public static OperatorLimits Unlimited { get; } = new()
    {
        Subs = -1, Data = -1, Payload = -1, Imports = -1, Exports = -1, Conn = -1, LeafNodeConn = -1, WildcardExports = true,
    };

    public NKeyPair Key(NKeyPrefix role)
    {
        var key = NKeyPair.Create(role);
        _keys.Add(key);
        return key;
    }

    /// An account JWT signed by the operator's signing key; configure adjusts its `nats`.
    public string Account(NKeyPair account, string name, Func<AccountNats, AccountNats>? configure = null, NKeyPair? signer = null, long? expires = null, long? issuedAt = null) =>
        JwtEncoder.Encode(new AccountClaims
        {
            Subject = account.PublicKey,
            Name = name,
            Expires = expires ?? 0,
            IssuedAt = issuedAt ?? 0,
            Nats = (configure ?? (n => n))(new AccountNats { Limits = Unlimited }),
        }, signer ?? OperatorSigner);

    /// A user JWT issued by the account (or one of its signing keys: pass issuer and the
    /// account, and issuer_account is set).
    public string User(NKeyPair user, NKeyPair account, string name, Func<UserNats, UserNats>? configure = null, NKeyPair? issuer = null, long? expires = null, long? notBefore = null) =>
        JwtEncoder.Encode(new UserClaims
        {
            Subject = user.PublicKey,
            Name = name,
            Expires = expires ?? 0,
            NotBefore = notBefore ?? 0,
            Nats = (configure ?? (n => n))(UserNats.Unlimited with { IssuerAccount = issuer is null ? null : account.PublicKey }),
        }, issuer ?? account);

    /// The trust a gateway is started with: this operator, MEMORY resolver with the accounts
    /// preloaded (key → JWT).
    public TrustedOperators Memory(params (NKeyPair Account, string Jwt)[] accounts) => new()
    {
        OperatorJwts = [OperatorJwt],
        OperatorKeys = [Operator.PublicKey],
        AccountSigners = [Operator.PublicKey, OperatorSigner.PublicKey],
        SystemAccount = SystemAccount.PublicKey,
        Resolver = new AccountResolverOptions
        {
            Kind = ResolverKind.Memory,
            Preload = accounts.Select(a => KeyValuePair.Create(a.Account.PublicKey, a.Jwt)).Append(KeyValuePair.Create(SystemAccount.PublicKey, SystemJwt)).ToDictionary(),
        },
    };

    /// NATS.Net credentials for a user JWT: it signs the server's nonce with the seed.
    public static NatsAuthOpts Credentials(string jwt, NKeyPair user) =>
        NatsAuthOpts.Default with { Jwt = jwt, Seed = user.EncodeSeed() };

    /// The CONNECT a raw client sends: jwt and, unless bearer, the nonce signed by the user.
    public static string Connect(string jwt, NKeyPair? user, string info)
    {
        var sig = string.Empty;
        if (user is not null)
        {
            var at = info.IndexOf("\"nonce\":\"", StringComparison.Ordinal) + 9;
            var nonce = info[at..info.IndexOf('"', at)];
            sig = $",\"sig\":\"{System.Buffers.Text.Base64Url.EncodeToString(user.Sign(System.Text.Encoding.ASCII.GetBytes(nonce)))}\"";
        }

        return $"CONNECT {{\"verbose\":false,\"protocol\":1,\"headers\":true,\"jwt\":\"{jwt}\"{sig}}}\r\n";
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }
}
