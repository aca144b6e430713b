using System.Text.Json;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Bench;

// Operator mode for the JWT scenarios: an operator, a system account with a user, and one
// account with a bench user, written as jwt.conf (MEMORY resolver, accounts preloaded) that
// nats-server and Natrium both read. The seeds go to operator-keys.json beside it: throwaway
// keys of this run, which the revocation scenario needs to issue users and re-sign the account.
internal sealed record OperatorBenchConfig(
    string OperatorSigner,
    string Account,
    string AccountName,
    string SystemUserJwt,
    string SystemUser,
    string BenchUserJwt,
    string BenchUser)
{
    private const string KeysFile = "operator-keys.json";

    public static void Write(string dir)
    {
        using var op = NKeyPair.Create(NKeyPrefix.Operator);
        using var signer = NKeyPair.Create(NKeyPrefix.Operator);
        using var sys = NKeyPair.Create(NKeyPrefix.Account);
        using var account = NKeyPair.Create(NKeyPrefix.Account);
        using var sysUser = NKeyPair.Create(NKeyPrefix.User);
        using var benchUser = NKeyPair.Create(NKeyPrefix.User);
        var operatorJwt = JwtEncoder.Encode(new OperatorClaims
        {
            Subject = op.PublicKey,
            Name = "bench",
            Nats = new OperatorNats { SystemAccount = sys.PublicKey, SigningKeys = [signer.PublicKey] },
        }, op);
        var config = new OperatorBenchConfig(
            signer.EncodeSeed(),
            account.EncodeSeed(),
            "BENCH",
            User(sysUser, sys),
            sysUser.EncodeSeed(),
            User(benchUser, account),
            benchUser.EncodeSeed());
        File.WriteAllText(Path.Combine(dir, "jwt.conf"), $$"""
            operator: {{operatorJwt}}
            system_account: {{sys.PublicKey}}
            resolver: MEMORY
            resolver_preload: {
              {{sys.PublicKey}}: {{AccountJwt(sys, "SYS", signer, [])}}
              {{account.PublicKey}}: {{AccountJwt(account, config.AccountName, signer, [])}}
            }
            """);
        File.WriteAllText(Path.Combine(dir, KeysFile), JsonSerializer.Serialize(config));
    }

    public static OperatorBenchConfig Read(string dir) =>
        JsonSerializer.Deserialize<OperatorBenchConfig>(File.ReadAllText(Path.Combine(dir, KeysFile)))!;

    /// An account JWT as nsc issues one (no limits), with the given users revoked, issued now:
    /// never older than one pushed before, by this process or an earlier one.
    public static string AccountJwt(NKeyPair account, string name, NKeyPair signer, IEnumerable<string> revoked)
    {
        var iat = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return JwtEncoder.Encode(new AccountClaims
        {
            Subject = account.PublicKey,
            Name = name,
            IssuedAt = iat,
            Nats = new AccountNats
            {
                Limits = new OperatorLimits { Subs = -1, Data = -1, Payload = -1, Imports = -1, Exports = -1, Conn = -1, LeafNodeConn = -1, WildcardExports = true },
                Revocations = revoked.ToDictionary(k => k, _ => iat + 3600),
            },
        }, signer);
    }

    public static string User(NKeyPair user, NKeyPair account) =>
        JwtEncoder.Encode(new UserClaims { Subject = user.PublicKey, Name = "bench-user", Nats = UserNats.Unlimited }, account);
}
