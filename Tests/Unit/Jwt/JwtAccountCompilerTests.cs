using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;

namespace Natrium.Tests.Unit.Jwt;

/// Account trust (spec/jwt.md §4, §8): who may sign account JWTs, times, and the distinct outcomes
/// callers log.
public sealed class JwtAccountCompilerTests
{
    private readonly JwtAuthority _authority = new();

    [Fact]
    public void Verify_account_signed_by_trusted_operator_is_valid()
    {
        var key = JwtAuthority.NewAccountKey();
        var jwt = _authority.AccountJwt(key);
        var result = JwtAccountCompiler.Verify(jwt, _authority.Trust, JwtAuthority.Now);
        Assert.True(result.IsValid);
        Assert.Equal(JwtAccountStatus.Valid, result.Status);
        Assert.Equal(key.PublicKey, result.Account.PublicKey);
        Assert.Equal(jwt, result.Account.Jwt);
        Assert.Equal(key.PublicKey, result.Account.Config.Name);
        Assert.Equal(JwtAuthority.IssuedAt, result.Account.IssuedAt);
        Assert.Null(result.Failure);
    }

    [Fact]
    public void Verify_account_signed_by_operator_signing_key_is_valid()
    {
        var signer = NKeyPair.Create(NKeyPrefix.Operator);
        var trust = _authority.Trust with { AccountSigners = [_authority.Operator.PublicKey, signer.PublicKey] };
        var jwt = _authority.AccountJwt(JwtAuthority.NewAccountKey(), signer: signer);
        Assert.True(JwtAccountCompiler.Verify(jwt, trust, JwtAuthority.Now).IsValid);
    }

    [Fact]
    public void Verify_self_signed_account_is_never_trusted()
    {
        var key = JwtAuthority.NewAccountKey();
        var jwt = _authority.AccountJwt(key, signer: key);

        // Even a trust list that (wrongly) holds the account key does not make it trusted.
        var trust = _authority.Trust with { AccountSigners = [_authority.Operator.PublicKey, key.PublicKey] };
        var result = JwtAccountCompiler.Verify(jwt, trust, JwtAuthority.Now);
        Assert.Equal(JwtAccountStatus.SelfSigned, result.Status);
        Assert.Null(result.Account);
        Assert.Equal(JwtAccountCompiler.SelfSignedText, result.Failure);
    }

    [Fact]
    public void Verify_account_signed_by_unknown_operator_is_untrusted()
    {
        var jwt = new JwtAuthority().AccountJwt(JwtAuthority.NewAccountKey());
        var result = JwtAccountCompiler.Verify(jwt, _authority.Trust, JwtAuthority.Now);
        Assert.Equal(JwtAccountStatus.Untrusted, result.Status);
        Assert.Equal(JwtAccountCompiler.UntrustedText, result.Failure);
    }

    [Fact]
    public void Verify_empty_trust_trusts_nobody()
    {
        var jwt = _authority.AccountJwt(JwtAuthority.NewAccountKey());
        Assert.Equal(JwtAccountStatus.Untrusted, JwtAccountCompiler.Verify(jwt, new TrustedOperators(), JwtAuthority.Now).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not.a.jwt")]
    [InlineData("eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ")]
    public void Verify_garbage_is_malformed(string jwt)
    {
        var result = JwtAccountCompiler.Verify(jwt, _authority.Trust, JwtAuthority.Now);
        Assert.Equal(JwtAccountStatus.Malformed, result.Status);
        Assert.Equal(JwtAccountCompiler.MalformedText, result.Failure);
    }

    [Fact]
    public void Verify_user_jwt_is_not_an_account()
    {
        var account = JwtAuthority.NewAccountKey();
        var jwt = JwtAuthority.UserJwt(JwtAuthority.NewUserKey(), account);
        Assert.Equal(JwtAccountStatus.Malformed, JwtAccountCompiler.Verify(jwt, _authority.Trust, JwtAuthority.Now).Status);
    }

    [Fact]
    public void Verify_tampered_signature_is_malformed()
    {
        var jwt = _authority.AccountJwt(JwtAuthority.NewAccountKey());
        var tampered = jwt[..^2] + (jwt[^2] == 'A' ? "B" : "A") + jwt[^1];
        Assert.Equal(JwtAccountStatus.Malformed, JwtAccountCompiler.Verify(tampered, _authority.Trust, JwtAuthority.Now).Status);
    }

    [Fact]
    public void Verify_subject_that_is_not_an_account_key_is_refused()
    {
        var jwt = _authority.AccountJwt(JwtAuthority.NewUserKey());
        var result = JwtAccountCompiler.Verify(jwt, _authority.Trust, JwtAuthority.Now);
        Assert.Equal(JwtAccountStatus.NotAnAccountKey, result.Status);
        Assert.Equal(JwtAccountCompiler.NotAnAccountKeyText, result.Failure);
    }

    [Fact]
    public void Verify_expired_account_is_reported_as_expired()
    {
        var exp = JwtAuthority.Now.ToUnixTimeSeconds() - 1;
        var jwt = _authority.AccountJwt(JwtAuthority.NewAccountKey(), edit: c => c with { Expires = exp });
        var result = JwtAccountCompiler.Verify(jwt, _authority.Trust, JwtAuthority.Now);
        Assert.Equal(JwtAccountStatus.Expired, result.Status);
        Assert.Equal(JwtAccountCompiler.ExpiredText, result.Failure);
    }

    [Fact]
    public void Verify_account_at_its_exp_second_is_still_valid_and_carries_expires()
    {
        var exp = JwtAuthority.Now.ToUnixTimeSeconds();
        var jwt = _authority.AccountJwt(JwtAuthority.NewAccountKey(), edit: c => c with { Expires = exp });
        var result = JwtAccountCompiler.Verify(jwt, _authority.Trust, JwtAuthority.Now);
        Assert.True(result.IsValid);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(exp), result.Account.Expires);
    }

    [Fact]
    public void Verify_account_before_nbf_is_not_yet_valid()
    {
        var nbf = JwtAuthority.Now.ToUnixTimeSeconds() + 60;
        var jwt = _authority.AccountJwt(JwtAuthority.NewAccountKey(), edit: c => c with { NotBefore = nbf });
        var result = JwtAccountCompiler.Verify(jwt, _authority.Trust, JwtAuthority.Now);
        Assert.Equal(JwtAccountStatus.NotYetValid, result.Status);
        Assert.Equal(JwtAccountCompiler.NotYetValidText, result.Failure);
    }

    [Fact]
    public void Verify_account_failing_validation_is_invalid_with_the_rule()
    {
        var nats = JwtAuthority.Open with
        {
            Limits = JwtAuthority.Unlimited with { Exports = 0 },
            Exports = [new Export { Subject = "svc.a", Type = ExportType.Service }],
        };
        var result = JwtAccountCompiler.Verify(_authority.AccountJwt(JwtAuthority.NewAccountKey(), nats), _authority.Trust, JwtAuthority.Now);
        Assert.Equal(JwtAccountStatus.Invalid, result.Status);
        Assert.Equal(JwtAccountValidator.TooManyExports, result.Failure);
    }

    [Fact]
    public void Verify_failure_texts_never_quote_the_jwt()
    {
        var key = JwtAuthority.NewAccountKey();
        var jwt = _authority.AccountJwt(key, signer: key);
        var result = JwtAccountCompiler.Verify(jwt, _authority.Trust, JwtAuthority.Now);
        Assert.DoesNotContain(key.PublicKey, result.Failure!, StringComparison.Ordinal);
        Assert.DoesNotContain(jwt.Split('.')[1][..20], result.Failure!, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_user_issuers_are_the_account_and_every_signing_key()
    {
        var key = JwtAuthority.NewAccountKey();
        var plain = JwtAuthority.NewAccountKey();
        var scoped = JwtAuthority.NewAccountKey();
        var scope = new UserScope { Key = scoped.PublicKey, Role = "dev", Template = new UserPermissionLimits { Subs = 5 } };
        var account = _authority.Account(key, JwtAuthority.Open with { SigningKeys = [SigningKey.Plain(plain.PublicKey), SigningKey.Scoped(scope)] });
        Assert.Equal(new HashSet<string> { key.PublicKey, plain.PublicKey, scoped.PublicKey }, account.UserIssuers);
        Assert.Equal([scoped.PublicKey], account.Scopes.Keys);
        Assert.Equal("dev", account.Scopes[scoped.PublicKey].Role);
        Assert.Equal(5, account.Scopes[scoped.PublicKey].Template.Subs);
    }

    [Fact]
    public void Compile_strict_operator_signing_key_excludes_the_account_key_from_user_issuers()
    {
        // Seen on 2.9.10: with strict_signing_key_usage, a user signed by the account's identity
        // key was refused (Authorization Violation), one signed by its signing key accepted.
        var opSigner = NKeyPair.Create(NKeyPrefix.Operator);
        var operatorJwt = JwtEncoder.Encode(
            new OperatorClaims { Subject = _authority.Operator.PublicKey, Nats = new OperatorNats { SigningKeys = [opSigner.PublicKey], StrictSigningKeyUsage = true } },
            _authority.Operator);
        var trust = new TrustedOperators { OperatorJwts = [operatorJwt], AccountSigners = [opSigner.PublicKey] };
        var key = JwtAuthority.NewAccountKey();
        var signing = JwtAuthority.NewAccountKey();
        var jwt = _authority.AccountJwt(key, JwtAuthority.Open with { SigningKeys = [SigningKey.Plain(signing.PublicKey)] }, signer: opSigner);
        var account = JwtAccountCompiler.Verify(jwt, trust, JwtAuthority.Now).Account!;
        Assert.Equal([signing.PublicKey], account.UserIssuers);
    }

    [Fact]
    public void Compile_non_strict_operator_keeps_the_account_key()
    {
        var operatorJwt = JwtEncoder.Encode(new OperatorClaims { Subject = _authority.Operator.PublicKey }, _authority.Operator);
        var trust = _authority.Trust with { OperatorJwts = [operatorJwt] };
        var key = JwtAuthority.NewAccountKey();
        var account = JwtAccountCompiler.Verify(_authority.AccountJwt(key), trust, JwtAuthority.Now).Account!;
        Assert.Contains(key.PublicKey, account.UserIssuers);
    }

    [Fact]
    public void Compile_revocations_and_disallow_bearer_are_carried()
    {
        var user = JwtAuthority.NewUserKey().PublicKey;
        var account = _authority.Account(JwtAuthority.NewAccountKey(), JwtAuthority.Open with
        {
            Limits = JwtAuthority.Unlimited with { DisallowBearer = true },
            Revocations = new Dictionary<string, long> { [user] = 100, ["*"] = 50 },
        });
        Assert.True(account.DisallowBearer);
        Assert.Equal(100, account.Revocations[user]);
        Assert.Equal(50, account.Revocations["*"]);
    }

    [Fact]
    public void Compile_unlimited_limits_are_null()
    {
        var account = _authority.Account(JwtAuthority.NewAccountKey());
        Assert.Equal(AccountLimits.None, account.Limits);
        Assert.Null(account.MaxData);
        Assert.False(account.DisallowBearer);
    }

    [Fact]
    public void Compile_absent_limits_are_zero()
    {
        // Seen on 2.9.10: an account JWT with `limits: {}` gets
        // 'maximum account active connections exceeded' for its first client (conn 0), and
        // with conn -1 only: INFO max_payload 0 and 'maximum subscriptions exceeded'.
        var account = _authority.Account(JwtAuthority.NewAccountKey(), new AccountNats());
        Assert.Equal(new AccountLimits(0, 0, 0), account.Limits);
        Assert.Equal(0, account.MaxData);
    }

    [Fact]
    public void Compile_limits_map_conn_subs_payload_and_data()
    {
        var account = _authority.Account(JwtAuthority.NewAccountKey(), JwtAuthority.Open with
        {
            Limits = JwtAuthority.Unlimited with { Conn = 10, Subs = 100, Payload = 65536, Data = 1L << 40 },
        });
        Assert.Equal(new AccountLimits(10, 100, 65536), account.Limits);
        Assert.Equal(1L << 40, account.MaxData);
    }

    [Theory]
    [InlineData(-1L, null)]
    [InlineData(0L, 0)]
    [InlineData(7L, 7)]
    [InlineData(-2L, 0)]
    [InlineData(5_000_000_000L, int.MaxValue)]
    public void JwtLimit_reads_minus_one_as_unlimited_other_negatives_as_zero_and_clamps(long value, int? expected) =>
        Assert.Equal(expected, JwtLimit.ToInt32(value));

    [Fact]
    public void Compile_empty_default_permissions_are_null()
    {
        Assert.Null(_authority.Account(JwtAuthority.NewAccountKey()).DefaultPermissions);
    }

    [Fact]
    public void Compile_default_permissions_map_to_permissions_config()
    {
        var account = _authority.Account(JwtAuthority.NewAccountKey(), JwtAuthority.Open with
        {
            DefaultPermissions = new JwtPermissions
            {
                Pub = new Permission { Allow = ["a.>"], Deny = ["a.secret"] },
                Sub = new Permission { Allow = ["b.*", "q.* workers"] },
                Resp = new JwtResponsePermission { Max = 3, Ttl = 1_500_000_000 },
            },
        });
        var permissions = account.DefaultPermissions!;
        Assert.Equal(["a.>"], permissions.Publish!.Allow!);
        Assert.Equal(["a.secret"], permissions.Publish.Deny!);
        Assert.Equal(["b.*", "q.* workers"], permissions.Subscribe!.Allow!);
        Assert.Null(permissions.Subscribe.Deny);
        Assert.Equal(new ResponsePermission(3, TimeSpan.FromMilliseconds(1500)), permissions.Responses);
    }

    [Fact]
    public void Compile_resp_zero_values_take_the_defaults()
    {
        var permissions = JwtPermissionsMapper.ToConfig(new JwtPermissions { Resp = new JwtResponsePermission() })!;
        Assert.Null(permissions.Publish);
        Assert.Equal(ResponsePermission.Default, permissions.Responses);
    }

    [Fact]
    public void Compile_resp_negative_values_stay_unlimited()
    {
        var permissions = JwtPermissionsMapper.ToConfig(new JwtPermissions { Resp = new JwtResponsePermission { Max = -1, Ttl = -5 } })!;
        Assert.Equal(-1, permissions.Responses!.MaxMessages);
        Assert.True(permissions.Responses.Expires < TimeSpan.Zero);
    }

    [Fact]
    public void Compile_tags_come_from_the_claims()
    {
        var account = _authority.Account(JwtAuthority.NewAccountKey(), JwtAuthority.Open with { Tags = ["region:eu"] });
        Assert.Equal(["region:eu"], account.Tags);
    }
}
