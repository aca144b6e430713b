using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Tests.TestKit;

/// Fresh operator, signing and account keys, their JWTs made with JwtEncoder, and JWT files in
/// a temporary directory, for operator-mode config tests. Expand replaces placeholders in a
/// config text: {op} is the path of op.jwt (with system account {SYS} and signing key {SK}),
/// {op.inline} the token itself; {ACC}/{SYS}/{OP}/{SK}/{OTHER} are public keys; {acc.jwt}
/// and {sys.jwt} account JWTs signed by the operator key; see the constructor for the rest.
public sealed class OperatorJwtFiles : IDisposable
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public OperatorJwtFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("natrium-operator-").FullName;
        using var op = NKeyPair.Create(NKeyPrefix.Operator);
        using var other = NKeyPair.Create(NKeyPrefix.Operator);
        using var signer = NKeyPair.Create(NKeyPrefix.Operator);
        using var sys = NKeyPair.Create(NKeyPrefix.Account);
        using var acc = NKeyPair.Create(NKeyPrefix.Account);
        using var user = NKeyPair.Create(NKeyPrefix.User);
        (Operator, Signer, Other, SystemAccount, Account) = (op.PublicKey, signer.PublicKey, other.PublicKey, sys.PublicKey, acc.PublicKey);
        foreach (var (name, key) in new[] { ("OP", op), ("OTHER", other), ("SK", signer), ("SYS", sys), ("ACC", acc) })
        {
            _values[name] = key.PublicKey;
        }

        string Op(OperatorNats nats, NKeyPair? by = null) =>
            JwtEncoder.Encode(new OperatorClaims { Subject = op.PublicKey, Name = "test-op", Nats = nats }, by ?? op);
        OperatorJwt = Op(new() { SystemAccount = sys.PublicKey, SigningKeys = [signer.PublicKey] });
        _values["op.inline"] = OperatorJwt;
        _values["op"] = Write("op.jwt", OperatorJwt);
        _values["op.decorated"] = Write("op-decorated.jwt", DecoratedJwt.Format(OperatorJwt, JwtClaimType.Operator));
        _values["op.nosys"] = Write("op-nosys.jwt", Op(new()));
        _values["op.strict"] = Write("op-strict.jwt", Op(new() { SystemAccount = sys.PublicKey, SigningKeys = [signer.PublicKey], StrictSigningKeyUsage = true }));
        _values["op.notself"] = Write("op-notself.jwt", Op(new() { SystemAccount = sys.PublicKey }, other));
        _values["op.url"] = Write("op-url.jwt", Op(new() { SystemAccount = sys.PublicKey, AccountServerUrl = "http://127.0.0.1:9090/jwt/v1" }));
        _values["op.badsk"] = Write("op-badsk.jwt", Op(new() { SystemAccount = sys.PublicKey, SigningKeys = [acc.PublicKey] }));
        _values["op.other"] = Write("op-other.jwt", JwtEncoder.Encode(
            new OperatorClaims { Subject = other.PublicKey, Name = "other", Nats = new() { SystemAccount = acc.PublicKey } }, other));
        foreach (var version in new[] { "2.9.10", "2.9.11", "2.10.0", "3.0.0", "1.0.0", "abc", "2.x.0", "2.-1.0" })
        {
            _values["op.assert." + version] = Write($"op-assert-{version}.jwt", Op(new() { SystemAccount = sys.PublicKey, AssertServerVersion = version }));
        }

        _values["sys.jwt"] = JwtEncoder.Encode(new AccountClaims { Subject = sys.PublicKey, Name = "SYS" }, op);
        _values["sys.bysk"] = JwtEncoder.Encode(new AccountClaims { Subject = sys.PublicKey, Name = "SYS" }, signer);
        _values["sys.self"] = JwtEncoder.Encode(new AccountClaims { Subject = sys.PublicKey, Name = "SYS" }, sys);
        _values["acc.jwt"] = JwtEncoder.Encode(new AccountClaims { Subject = acc.PublicKey, Name = "ACC" }, op);
        _values["acc.expired"] = JwtEncoder.Encode(new AccountClaims { Subject = acc.PublicKey, Name = "ACC", Expires = 1000 }, op);
        var good = _values["acc.jwt"];
        // A changed character well inside the signature (the last one carries unused bits).
        _values["acc.badsig"] = good[..^10] + (good[^10] == 'A' ? "B" : "A") + good[^9..];
        _values["user.jwt"] = JwtEncoder.Encode(new UserClaims { Subject = user.PublicKey, Nats = UserNats.Unlimited }, acc);
        _values["bearer.jwt"] = JwtEncoder.Encode(new UserClaims { Subject = user.PublicKey, Nats = UserNats.Unlimited with { BearerToken = true } }, acc);
        _values["dir"] = Directory;
    }

    public string Directory { get; }

    public string Operator { get; }

    public string Signer { get; }

    public string Other { get; }

    public string SystemAccount { get; }

    public string Account { get; }

    public string OperatorJwt { get; }

    public string this[string name] => _values[name];

    public string Expand(string text)
    {
        foreach (var (name, value) in _values.OrderByDescending(v => v.Key.Length))
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    public string Write(string name, string contents)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, contents);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
