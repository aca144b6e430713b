using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Gateway.Auth.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// A connected JWT user after its account JWT changes (spec/jwt.md §9).
public sealed class JwtUserRecheckTests
{
    private readonly JwtAuthority _authority = new();
    private readonly NKeyPair _accountKey = JwtAuthority.NewAccountKey();
    private readonly NKeyPair _signingKey = JwtAuthority.NewAccountKey();
    private readonly NKeyPair _user = JwtAuthority.NewUserKey();

    private static UserScope Scope(NKeyPair key, string allow = "in.{{name()}}") =>
        new() { Key = key.PublicKey, Role = "r", Template = new UserPermissionLimits { Subs = -1, Data = -1, Payload = -1, Sub = new Permission { Allow = [allow] } } };

    private JwtAccount Account(AccountNats? nats = null, Func<AccountClaims, AccountClaims>? edit = null) =>
        _authority.Account(_accountKey, nats ?? (JwtAuthority.Open with { SigningKeys = [SigningKey.Plain(_signingKey.PublicKey)] }), edit);

    private JwtUserGrant Grant(JwtAccount account, NKeyPair? signer = null, UserNats? nats = null, bool viaSigningKey = false)
    {
        var jwt = JwtAuthority.UserJwt(_user, signer ?? _accountKey, nats, viaSigningKey ? _accountKey.PublicKey : null);
        var result = JwtLogin.Login(jwt, account, JwtLogin.Context(_user));
        Assert.True(result.Succeeded, result.FailureReason);
        return result.Grant;
    }

    private static JwtRecheckResult Recheck(JwtUserGrant grant, JwtAccount account, DateTimeOffset? now = null) =>
        JwtUserRecheck.Recheck(grant, account, now ?? JwtAuthority.Now);

    [Fact]
    public void Recheck_unchanged_account_keeps_the_user()
    {
        var account = Account();
        var result = Recheck(Grant(account), account);
        Assert.Equal(JwtRecheckOutcome.StillValid, result.Outcome);
        Assert.Equal(JwtClientError.None, result.ClientError);
        Assert.NotNull(result.Grant);
    }

    [Fact]
    public void Recheck_new_limits_and_default_permissions_are_applied()
    {
        var grant = Grant(Account());
        var updated = Account(JwtAuthority.Open with
        {
            Limits = JwtAuthority.Unlimited with { Subs = 4, Payload = 64 },
            DefaultPermissions = new JwtPermissions { Sub = new Permission { Allow = ["only.>"] } },
            SigningKeys = [SigningKey.Plain(_signingKey.PublicKey)],
        });
        var result = Recheck(grant, updated);
        Assert.Equal(JwtRecheckOutcome.StillValid, result.Outcome);
        Assert.Equal((4, 64), (result.Grant!.MaxSubscriptions, result.Grant.MaxPayload));
        JwtLogin.AssertSubjects(["only.>"], null, result.Grant.Permissions!.Subscribe);
        Assert.Equal(grant.Expires, result.Grant.Expires);
    }

    [Fact]
    public void Recheck_revocation_closes_with_user_authentication_revoked()
    {
        // Seen on 2.9.10: -ERR 'User Authentication Revoked' + close.
        var grant = Grant(Account());
        var updated = Account(JwtAuthority.Open with { Revocations = new Dictionary<string, long> { [_user.PublicKey] = JwtAuthority.IssuedAt } });
        var result = Recheck(grant, updated);
        Assert.Equal(JwtRecheckOutcome.Revoked, result.Outcome);
        Assert.Equal(JwtClientError.UserAuthenticationRevoked, result.ClientError);
        Assert.Null(result.Grant);
    }

    [Fact]
    public void Recheck_revocation_of_all_and_older_revocations()
    {
        var grant = Grant(Account());
        Assert.Equal(JwtRecheckOutcome.Revoked, Recheck(grant, Account(JwtAuthority.Open with { Revocations = new Dictionary<string, long> { ["*"] = JwtAuthority.IssuedAt + 1 } })).Outcome);
        Assert.Equal(JwtRecheckOutcome.StillValid, Recheck(grant, Account(JwtAuthority.Open with { Revocations = new Dictionary<string, long> { ["*"] = JwtAuthority.IssuedAt - 1 } })).Outcome);
    }

    [Fact]
    public void Recheck_removed_signing_key_closes_without_error()
    {
        var grant = Grant(Account(), _signingKey, viaSigningKey: true);
        var result = Recheck(grant, Account(JwtAuthority.Open));
        Assert.Equal(JwtRecheckOutcome.IssuerInvalid, result.Outcome);
        Assert.Equal(JwtClientError.None, result.ClientError);
    }

    [Fact]
    public void Recheck_user_of_the_account_key_survives_signing_key_changes()
    {
        var grant = Grant(Account());
        Assert.Equal(JwtRecheckOutcome.StillValid, Recheck(grant, Account(JwtAuthority.Open)).Outcome);
    }

    [Fact]
    public void Recheck_changed_scope_closes()
    {
        var account = Account(JwtAuthority.Open with { SigningKeys = [SigningKey.Scoped(Scope(_signingKey))] });
        var grant = Grant(account, _signingKey, new UserNats(), viaSigningKey: true);
        Assert.Equal(["in.bob"], grant.Permissions!.Subscribe!.Allow!);

        // The same scope in a freshly issued account JWT is not a change.
        var same = Account(JwtAuthority.Open with { SigningKeys = [SigningKey.Scoped(Scope(_signingKey))] });
        Assert.Equal(JwtRecheckOutcome.StillValid, Recheck(grant, same).Outcome);

        var changed = Account(JwtAuthority.Open with { SigningKeys = [SigningKey.Scoped(Scope(_signingKey, "other.>"))] });
        Assert.Equal(JwtRecheckOutcome.IssuerInvalid, Recheck(grant, changed).Outcome);

        var unscoped = Account(JwtAuthority.Open with { SigningKeys = [SigningKey.Plain(_signingKey.PublicKey)] });
        Assert.Equal(JwtRecheckOutcome.IssuerInvalid, Recheck(grant, unscoped).Outcome);
    }

    [Fact]
    public void Recheck_plain_key_that_becomes_scoped_closes()
    {
        var grant = Grant(Account(), _signingKey, viaSigningKey: true);
        var scoped = Account(JwtAuthority.Open with { SigningKeys = [SigningKey.Scoped(Scope(_signingKey))] });
        Assert.Equal(JwtRecheckOutcome.IssuerInvalid, Recheck(grant, scoped).Outcome);
    }

    [Fact]
    public void Recheck_template_that_no_longer_expands_closes()
    {
        var scope = new UserScope
        {
            Key = _signingKey.PublicKey,
            Template = new UserPermissionLimits { Subs = -1, Data = -1, Payload = -1, Pub = new Permission { Deny = ["x.{{account-tag(region)}}"] } },
        };
        var account = Account(JwtAuthority.Open with { Tags = ["region:eu"], SigningKeys = [SigningKey.Scoped(scope)] });
        var grant = Grant(account, _signingKey, new UserNats(), viaSigningKey: true);
        var untagged = Account(JwtAuthority.Open with { SigningKeys = [SigningKey.Scoped(scope)] });
        Assert.Equal(JwtRecheckOutcome.IssuerInvalid, Recheck(grant, untagged).Outcome);
    }

    [Fact]
    public void Recheck_bearer_user_is_closed_when_bearer_becomes_disallowed()
    {
        var grant = Grant(Account(), nats: UserNats.Unlimited with { BearerToken = true });
        var updated = Account(JwtAuthority.Open with { Limits = JwtAuthority.Unlimited with { DisallowBearer = true } });
        var result = Recheck(grant, updated);
        Assert.Equal(JwtRecheckOutcome.BearerDisallowed, result.Outcome);
        Assert.Equal(JwtClientError.AuthorizationViolation, result.ClientError);
        Assert.Equal(JwtRecheckOutcome.StillValid, Recheck(Grant(Account()), updated).Outcome);
    }

    [Fact]
    public void Recheck_expired_account_closes_with_account_authentication_expired()
    {
        // Seen on 2.9.10: at the account's exp every client gets
        // -ERR 'Account Authentication Expired' + close.
        var exp = JwtAuthority.Now.ToUnixTimeSeconds() + 10;
        var account = Account(edit: c => c with { Expires = exp });
        var grant = Grant(account);
        Assert.Equal(JwtRecheckOutcome.StillValid, Recheck(grant, account, DateTimeOffset.FromUnixTimeSeconds(exp - 1)).Outcome);
        var result = Recheck(grant, account, DateTimeOffset.FromUnixTimeSeconds(exp));
        Assert.Equal(JwtRecheckOutcome.AccountExpired, result.Outcome);
        Assert.Equal(JwtClientError.AccountAuthenticationExpired, result.ClientError);
    }

    [Fact]
    public void Recheck_another_account_is_refused()
    {
        var grant = Grant(Account());
        Assert.Equal(JwtRecheckOutcome.IssuerInvalid, Recheck(grant, _authority.Account(JwtAuthority.NewAccountKey())).Outcome);
    }
}
