using System.Buffers.Text;
using System.Text;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;

namespace Natrium.Tests.Unit.Jwt;

/// A fresh operator with helpers to issue accounts and users the way nsc does (unlimited
/// limits), for the operator-mode tests. Every key is new per instance; nothing is a secret.
internal sealed class JwtAuthority
{
    /// 2026-01-01T12:00:00Z.
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1767268800);
    public static readonly long IssuedAt = Now.ToUnixTimeSeconds() - 3600;
    public const string Nonce = "PXoWU7zWAMt75FY";

    public static OperatorLimits Unlimited { get; } = new()
    {
        Subs = -1, Data = -1, Payload = -1, Imports = -1, Exports = -1, WildcardExports = true, Conn = -1, LeafNodeConn = -1,
    };

    public NKeyPair Operator { get; } = NKeyPair.Create(NKeyPrefix.Operator);

    public TrustedOperators Trust => new() { OperatorKeys = [Operator.PublicKey], AccountSigners = [Operator.PublicKey] };

    public static NKeyPair NewAccountKey() => NKeyPair.Create(NKeyPrefix.Account);

    public static NKeyPair NewUserKey() => NKeyPair.Create(NKeyPrefix.User);

    public static AccountNats Open => new() { Limits = Unlimited };

    public string AccountJwt(NKeyPair account, AccountNats? nats = null, Func<AccountClaims, AccountClaims>? edit = null, NKeyPair? signer = null)
    {
        var claims = new AccountClaims { Subject = account.PublicKey, Name = "acme", IssuedAt = IssuedAt, Nats = nats ?? Open };
        return JwtEncoder.Encode(edit is null ? claims : edit(claims), signer ?? Operator);
    }

    public JwtAccount Account(NKeyPair account, AccountNats? nats = null, Func<AccountClaims, AccountClaims>? edit = null)
    {
        var result = JwtAccountCompiler.Verify(AccountJwt(account, nats, edit), Trust, Now);
        Assert.True(result.IsValid, result.Failure);
        return result.Account;
    }

    public static string UserJwt(NKeyPair user, NKeyPair signer, UserNats? nats = null, string? issuerAccount = null, Func<UserClaims, UserClaims>? edit = null)
    {
        var claims = new UserClaims
        {
            Subject = user.PublicKey,
            Name = "bob",
            IssuedAt = IssuedAt,
            Nats = (nats ?? UserNats.Unlimited) with { IssuerAccount = issuerAccount },
        };
        return JwtEncoder.Encode(edit is null ? claims : edit(claims), signer);
    }

    public static string Sign(NKeyPair user, string nonce = Nonce, bool standardBase64 = false)
    {
        var signature = user.Sign(Encoding.ASCII.GetBytes(nonce));
        return standardBase64 ? Convert.ToBase64String(signature) : Base64Url.EncodeToString(signature);
    }
}
