using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// Step (b) of a JWT login, spec/jwt.md §7 steps 6–12: issuer, account expiry, bearer, connection
/// type, nonce signature, revocation, permissions and limits. src and times are in
/// JwtUserSourceAndTimesTests, scoped templates in ScopeTemplateTests.
public sealed class JwtUserValidatorTests
{
    private readonly JwtAuthority _authority = new();
    private readonly NKeyPair _accountKey = JwtAuthority.NewAccountKey();
    private readonly NKeyPair _signingKey = JwtAuthority.NewAccountKey();
    private readonly NKeyPair _user = JwtAuthority.NewUserKey();

    private JwtAccount Account(AccountNats? nats = null, Func<AccountClaims, AccountClaims>? edit = null) =>
        _authority.Account(_accountKey, (nats ?? JwtAuthority.Open) with { SigningKeys = [SigningKey.Plain(_signingKey.PublicKey)] }, edit);

    private JwtLoginResult Login(UserNats? nats = null, JwtAccount? account = null, JwtLoginContext? context = null, NKeyPair? signer = null, string? issuerAccount = null) =>
        JwtLogin.Login(JwtAuthority.UserJwt(_user, signer ?? _accountKey, nats, issuerAccount), account ?? Account(), context ?? JwtLogin.Context(_user));

    [Fact]
    public void Validate_user_signed_by_the_account_is_granted()
    {
        var result = Login(UserNats.Unlimited with { Tags = ["team:a"] });
        Assert.True(result.Succeeded, result.FailureReason);
        var grant = result.Grant;
        Assert.Equal(_user.PublicKey, grant.UserKey);
        Assert.Equal("bob", grant.Name);
        Assert.Equal(_accountKey.PublicKey, grant.AccountKey);
        Assert.Equal(_accountKey.PublicKey, grant.IssuerKey);
        Assert.Equal(JwtAuthority.IssuedAt, grant.IssuedAt);
        Assert.Null(grant.Permissions);
        Assert.Null(grant.MaxSubscriptions);
        Assert.Null(grant.MaxPayload);
        Assert.Null(grant.MaxData);
        Assert.Null(grant.Expires);
        Assert.False(grant.Bearer);
        Assert.Equal(["team:a"], grant.Tags);
        Assert.Empty(grant.AllowedConnectionTypes);
        Assert.False(grant.ViaSigningKey);
        Assert.Null(grant.Scope);
    }

    [Fact]
    public void Validate_user_signed_by_a_signing_key_with_issuer_account_is_granted()
    {
        var result = Login(signer: _signingKey, issuerAccount: _accountKey.PublicKey);
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(_signingKey.PublicKey, result.Grant.IssuerKey);
        Assert.True(result.Grant.ViaSigningKey);
    }

    [Fact]
    public void Validate_account_key_with_issuer_account_naming_itself_is_granted()
    {
        // Seen on 2.9.10: accepted.
        Assert.True(Login(issuerAccount: _accountKey.PublicKey).Succeeded);
    }

    [Fact]
    public void Validate_signing_key_without_issuer_account_does_not_match_the_account() =>
        Assert.Equal(AuthFailureReason.JwtAccountMismatch, Login(signer: _signingKey).FailureReason);

    [Fact]
    public void Validate_account_other_than_the_users_is_refused()
    {
        var other = _authority.Account(JwtAuthority.NewAccountKey());
        Assert.Equal(AuthFailureReason.JwtAccountMismatch, Login(account: other).FailureReason);
    }

    [Fact]
    public void Validate_unknown_signing_key_is_refused()
    {
        // Seen on 2.9.10: unknown issuer → Authorization Violation.
        var stranger = JwtAuthority.NewAccountKey();
        Assert.Equal(AuthFailureReason.JwtUnknownIssuer, Login(signer: stranger, issuerAccount: _accountKey.PublicKey).FailureReason);
    }

    [Fact]
    public void Validate_issuer_account_naming_another_account_is_refused()
    {
        // Seen on 2.9.10: a signing key of A with issuer_account = B → Authorization Violation.
        var other = _authority.Account(JwtAuthority.NewAccountKey());
        var jwt = JwtAuthority.UserJwt(_user, _signingKey, issuerAccount: other.PublicKey);
        Assert.Equal(AuthFailureReason.JwtUnknownIssuer, JwtLogin.Login(jwt, other, JwtLogin.Context(_user)).FailureReason);
    }

    [Fact]
    public void Validate_account_key_is_not_an_issuer_under_strict_signing()
    {
        var claims = JwtDecoder.Decode<AccountClaims>(_authority.AccountJwt(_accountKey, JwtAuthority.Open with { SigningKeys = [SigningKey.Plain(_signingKey.PublicKey)] })).Claims!;
        var strict = JwtAccountCompiler.Compile("jwt", claims, strictSigning: true);
        Assert.Equal(AuthFailureReason.JwtUnknownIssuer, Login(account: strict).FailureReason);
        Assert.True(Login(account: strict, signer: _signingKey, issuerAccount: _accountKey.PublicKey).Succeeded);
    }

    [Fact]
    public void Validate_expired_account_is_refused()
    {
        var exp = JwtAuthority.Now.ToUnixTimeSeconds() + 10;
        var account = Account(edit: c => c with { Expires = exp });
        Assert.True(Login(account: account).Succeeded);

        // nats-server marks the account expired when exp <= now.
        var atExp = JwtLogin.Context(_user, DateTimeOffset.FromUnixTimeSeconds(exp));
        Assert.Equal(AuthFailureReason.JwtAccountExpired, Login(account: account, context: atExp).FailureReason);
    }

    [Fact]
    public void Validate_bearer_user_needs_no_signature()
    {
        // Seen on 2.9.10: bearer_token → no nonce signature required.
        var context = JwtLogin.Context(_user) with { Signature = null };
        var result = Login(UserNats.Unlimited with { BearerToken = true }, context: context);
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.True(result.Grant.Bearer);
    }

    [Fact]
    public void Validate_bearer_user_is_refused_when_the_account_disallows_bearer()
    {
        var account = Account(JwtAuthority.Open with { Limits = JwtAuthority.Unlimited with { DisallowBearer = true } });
        Assert.Equal(AuthFailureReason.JwtBearerNotAllowed, Login(UserNats.Unlimited with { BearerToken = true }, account).FailureReason);
        Assert.True(Login(account: account).Succeeded);
    }

    [Theory]
    [InlineData(new[] { "WEBSOCKET" }, ConnectionTypes.Standard, false)]
    [InlineData(new[] { "STANDARD" }, ConnectionTypes.Standard, true)]
    [InlineData(new[] { "standard", "foo" }, ConnectionTypes.Standard, true)]
    [InlineData(new[] { "FOO" }, ConnectionTypes.Standard, false)]
    [InlineData(new[] { "websocket" }, "WEBSOCKET", true)]
    [InlineData(new string[0], "MQTT", true)]
    public void Validate_allowed_connection_types(string[] allowed, string connectionType, bool granted)
    {
        // Seen on 2.9.10: ["WEBSOCKET"] refuses a TCP client, ["STANDARD"] and ["standard","foo"]
        // admit it.
        var result = Login(UserNats.Unlimited with { AllowedConnectionTypes = allowed }, context: JwtLogin.Context(_user, connectionType: connectionType));
        Assert.Equal(granted ? null : AuthFailureReason.JwtConnectionTypeNotAllowed, result.FailureReason);
        if (granted)
        {
            Assert.All(result.Grant!.AllowedConnectionTypes, t => Assert.Equal(t.ToUpperInvariant(), t));
            Assert.DoesNotContain("FOO", result.Grant.AllowedConnectionTypes);
        }
    }

    [Fact]
    public void Validate_signature_in_standard_base64_is_accepted()
    {
        var context = JwtLogin.Context(_user) with { Signature = JwtAuthority.Sign(_user, standardBase64: true) };
        Assert.True(Login(context: context).Succeeded);
    }

    [Fact]
    public void Validate_missing_nonce_is_refused() =>
        Assert.Equal(AuthFailureReason.JwtMissingNonce, Login(context: JwtLogin.Context(_user) with { Nonce = null }).FailureReason);

    [Fact]
    public void Validate_missing_signature_is_refused() =>
        Assert.Equal(AuthFailureReason.JwtMissingSignature, Login(context: JwtLogin.Context(_user) with { Signature = "" }).FailureReason);

    [Fact]
    public void Validate_signature_of_another_nonce_is_refused()
    {
        var context = JwtLogin.Context(_user) with { Signature = JwtAuthority.Sign(_user, "otherNonce12345") };
        Assert.Equal(AuthFailureReason.JwtBadSignature, Login(context: context).FailureReason);
    }

    [Fact]
    public void Validate_signature_by_another_key_is_refused()
    {
        var context = JwtLogin.Context(_user) with { Signature = JwtAuthority.Sign(JwtAuthority.NewUserKey()) };
        Assert.Equal(AuthFailureReason.JwtBadSignature, Login(context: context).FailureReason);
    }

    [Fact]
    public void Validate_garbage_signature_is_refused() =>
        Assert.Equal(AuthFailureReason.JwtBadSignature, Login(context: JwtLogin.Context(_user) with { Signature = "!!" }).FailureReason);

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    [InlineData(3600, true)]
    public void Validate_revocation_at_or_after_iat_revokes(long offset, bool revoked)
    {
        var account = Account(JwtAuthority.Open with { Revocations = new Dictionary<string, long> { [_user.PublicKey] = JwtAuthority.IssuedAt + offset } });
        Assert.Equal(revoked ? AuthFailureReason.JwtRevoked : null, Login(account: account).FailureReason);
    }

    [Fact]
    public void Validate_revocation_of_all_users_revokes()
    {
        var account = Account(JwtAuthority.Open with { Revocations = new Dictionary<string, long> { ["*"] = JwtAuthority.IssuedAt } });
        Assert.Equal(AuthFailureReason.JwtRevoked, Login(account: account).FailureReason);
        var older = Account(JwtAuthority.Open with { Revocations = new Dictionary<string, long> { ["*"] = JwtAuthority.IssuedAt - 1 } });
        Assert.True(Login(account: older).Succeeded);
    }

    [Fact]
    public void Validate_user_permissions_are_the_users_own()
    {
        var account = Account(JwtAuthority.Open with { DefaultPermissions = new JwtPermissions { Pub = new Permission { Allow = ["def.>"] } } });
        var grant = Login(UserNats.Unlimited with { Pub = new Permission { Allow = ["mine.>"] }, Sub = new Permission { Deny = ["secret"] } }, account).Grant!;
        JwtLogin.AssertSubjects(["mine.>"], null, grant.Permissions!.Publish);
        JwtLogin.AssertSubjects(null, ["secret"], grant.Permissions.Subscribe);
        Assert.Null(grant.Permissions.Responses);
    }

    [Fact]
    public void Validate_user_without_permissions_gets_the_account_defaults()
    {
        var account = Account(JwtAuthority.Open with { DefaultPermissions = new JwtPermissions { Pub = new Permission { Allow = ["def.>"] } } });
        var grant = Login(account: account).Grant!;
        Assert.Same(account.DefaultPermissions, grant.Permissions);
    }

    [Fact]
    public void Validate_user_with_only_resp_does_not_fall_back_to_defaults()
    {
        var account = Account(JwtAuthority.Open with { DefaultPermissions = new JwtPermissions { Pub = new Permission { Allow = ["def.>"] } } });
        var grant = Login(UserNats.Unlimited with { Resp = new JwtResponsePermission { Max = 2, Ttl = 1_000_000_000 } }, account).Grant!;
        Assert.Null(grant.Permissions!.Publish);
        Assert.Equal(new ResponsePermission(2, TimeSpan.FromSeconds(1)), grant.Permissions.Responses);
    }

    [Fact]
    public void Validate_limits_are_the_smaller_of_user_and_account()
    {
        var account = Account(JwtAuthority.Open with { Limits = JwtAuthority.Unlimited with { Subs = 10, Payload = 1000, Data = -1 } });
        var grant = Login(UserNats.Unlimited with { Subs = 50, Payload = 100, Data = 7 }, account).Grant!;
        Assert.Equal(10, grant.MaxSubscriptions);
        Assert.Equal(100, grant.MaxPayload);
        Assert.Equal(7, grant.MaxData);
    }

    [Fact]
    public void Validate_unlimited_user_takes_the_account_limits()
    {
        var account = Account(JwtAuthority.Open with { Limits = JwtAuthority.Unlimited with { Subs = 10, Payload = 1000, Data = 99 } });
        var grant = Login(account: account).Grant!;
        Assert.Equal((10, 1000, 99L), (grant.MaxSubscriptions, grant.MaxPayload, grant.MaxData));
    }

    [Fact]
    public void Validate_absent_user_limits_are_zero_not_unlimited()
    {
        // Seen on 2.9.10: no `subs` → 'maximum subscriptions exceeded'; no `payload` → INFO
        // max_payload 0.
        var grant = Login(new UserNats()).Grant!;
        Assert.Equal((0, 0, 0L), (grant.MaxSubscriptions, grant.MaxPayload, grant.MaxData));
    }

    [Fact]
    public void Validate_user_exp_becomes_the_grant_expiry()
    {
        var exp = JwtAuthority.Now.ToUnixTimeSeconds() + 100;
        var jwt = JwtAuthority.UserJwt(_user, _accountKey, edit: c => c with { Expires = exp });
        var grant = JwtLogin.Login(jwt, Account(), JwtLogin.Context(_user)).Grant!;
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(exp), grant.Expires);
    }

    [Fact]
    public void Validate_failure_reasons_are_fixed_texts()
    {
        var known = typeof(AuthFailureReason).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var failures = new[]
        {
            Login(signer: _signingKey).FailureReason,
            Login(context: JwtLogin.Context(_user) with { Signature = "AAAA" + _user.PublicKey }).FailureReason,
            JwtLogin.Login("x" + _user.PublicKey, Account(), JwtLogin.Context(_user)).FailureReason,
        };
        Assert.All(failures, f => Assert.Contains(f!, known));
        Assert.All(failures, f => Assert.DoesNotContain(_user.PublicKey, f!, StringComparison.Ordinal));
    }
}
