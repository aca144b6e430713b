using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// Step (a) of a JWT login (spec/jwt.md §7 steps 1–4): what is refused before the account is
/// even looked up, and which account to look up.
public sealed class JwtUserDecoderTests
{
    private readonly NKeyPair _account = JwtAuthority.NewAccountKey();
    private readonly NKeyPair _user = JwtAuthority.NewUserKey();

    private JwtUserDecodeResult Decode(UserNats nats) =>
        JwtUserDecoder.Decode(JwtAuthority.UserJwt(_user, _account, nats), JwtAuthority.Now);

    [Fact]
    public void Decode_user_signed_by_account_names_the_account()
    {
        var result = JwtUserDecoder.Decode(JwtAuthority.UserJwt(_user, _account), JwtAuthority.Now);
        Assert.True(result.Succeeded);
        Assert.Equal(_account.PublicKey, result.AccountKey);
        Assert.Equal(_user.PublicKey, result.User.Subject);
        Assert.Null(result.FailureReason);
    }

    [Fact]
    public void Decode_issuer_account_names_the_account_to_fetch()
    {
        var signingKey = JwtAuthority.NewAccountKey();
        var result = JwtUserDecoder.Decode(JwtAuthority.UserJwt(_user, signingKey, issuerAccount: _account.PublicKey), JwtAuthority.Now);
        Assert.Equal(_account.PublicKey, result.AccountKey);
    }

    [Fact]
    public void Decode_signing_key_without_issuer_account_fetches_the_signing_key()
    {
        // Seen on 2.9.10: such a user gets Authorization Violation; the lookup of the signing key
        // as an account is what fails.
        var signingKey = JwtAuthority.NewAccountKey();
        var result = JwtUserDecoder.Decode(JwtAuthority.UserJwt(_user, signingKey), JwtAuthority.Now);
        Assert.Equal(signingKey.PublicKey, result.AccountKey);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Decode_missing_jwt_fails(string? jwt) =>
        Assert.Equal(AuthFailureReason.JwtMissing, JwtUserDecoder.Decode(jwt, JwtAuthority.Now).FailureReason);

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    public void Decode_garbage_fails(string jwt) =>
        Assert.Equal(AuthFailureReason.JwtNotValid, JwtUserDecoder.Decode(jwt, JwtAuthority.Now).FailureReason);

    [Fact]
    public void Decode_account_jwt_is_not_a_user_jwt()
    {
        var jwt = new JwtAuthority().AccountJwt(_account);
        Assert.Equal(AuthFailureReason.JwtNotValid, JwtUserDecoder.Decode(jwt, JwtAuthority.Now).FailureReason);
    }

    [Fact]
    public void Decode_user_issued_by_an_operator_key_fails()
    {
        var op = NKeyPair.Create(NKeyPrefix.Operator);
        var jwt = TokenForge.Claim(op, _user.PublicKey, """{"type":"user","subs":-1,"version":2}""");
        Assert.Equal(AuthFailureReason.JwtNotValid, JwtUserDecoder.Decode(jwt, JwtAuthority.Now).FailureReason);
    }

    [Fact]
    public void Decode_signature_by_someone_else_fails()
    {
        var payload = TokenForge.Payload(_account.PublicKey, _user.PublicKey, """{"type":"user","version":2}""");
        var jwt = TokenForge.Sign(payload, JwtAuthority.NewAccountKey());
        Assert.Equal(AuthFailureReason.JwtNotValid, JwtUserDecoder.Decode(jwt, JwtAuthority.Now).FailureReason);
    }

    [Fact]
    public void Decode_subject_must_be_a_user_key()
    {
        // Deviation: nats-server 2.9.10 accepted a user JWT whose sub was an account key (seen:
        // PONG); we refuse, since revocations and the nonce signature are keyed by it.
        var jwt = JwtAuthority.UserJwt(JwtAuthority.NewAccountKey(), _account);
        Assert.Equal(AuthFailureReason.JwtSubjectNotUser, JwtUserDecoder.Decode(jwt, JwtAuthority.Now).FailureReason);
    }

    [Fact]
    public void Decode_expired_fails()
    {
        var jwt = JwtAuthority.UserJwt(_user, _account, edit: c => c with { Expires = JwtAuthority.Now.ToUnixTimeSeconds() - 1 });
        Assert.Equal(AuthFailureReason.JwtExpired, JwtUserDecoder.Decode(jwt, JwtAuthority.Now).FailureReason);
    }

    [Fact]
    public void Decode_not_yet_valid_fails()
    {
        var jwt = JwtAuthority.UserJwt(_user, _account, edit: c => c with { NotBefore = JwtAuthority.Now.ToUnixTimeSeconds() + 1 });
        Assert.Equal(AuthFailureReason.JwtNotYetValid, JwtUserDecoder.Decode(jwt, JwtAuthority.Now).FailureReason);
    }

    public static TheoryData<string, UserNats> InvalidClaims => new()
    {
        { "publish entry with a queue", UserNats.Unlimited with { Pub = new Permission { Allow = ["a q"] } } },
        { "empty deny entry", UserNats.Unlimited with { Pub = new Permission { Deny = [""] } } },
        { "subscribe entry with two spaces", UserNats.Unlimited with { Sub = new Permission { Allow = ["a q r"] } } },
        { "src without prefix length", UserNats.Unlimited with { Src = ["10.0.0.1"] } },
        { "src not an address", UserNats.Unlimited with { Src = ["example.com/8"] } },
        { "times without end", UserNats.Unlimited with { Times = [new TimeRange { Start = "09:00:00" }] } },
        { "times with bad minutes", UserNats.Unlimited with { Times = [new TimeRange { Start = "09:0:00", End = "10:00:00" }] } },
        { "times hour 24", UserNats.Unlimited with { Times = [new TimeRange { Start = "24:00:00", End = "10:00:00" }] } },
        { "unknown times_location", UserNats.Unlimited with { TimesLocation = "Not/AZone" } },
        { "path as times_location", UserNats.Unlimited with { TimesLocation = "../../etc/passwd" } },
    };

    [Theory]
    [MemberData(nameof(InvalidClaims))]
    public void Decode_invalid_permissions_or_limits_fail(string why, UserNats nats) =>
        Assert.True(AuthFailureReason.JwtInvalidClaims == Decode(nats).FailureReason, why);

    [Fact]
    public void Decode_issuer_account_that_is_not_an_account_key_fails()
    {
        var jwt = JwtAuthority.UserJwt(_user, _account, issuerAccount: _user.PublicKey);
        Assert.Equal(AuthFailureReason.JwtInvalidClaims, JwtUserDecoder.Decode(jwt, JwtAuthority.Now).FailureReason);
    }

    [Fact]
    public void Decode_subscribe_entry_may_carry_a_queue_and_src_may_be_a_comma_string()
    {
        Assert.True(Decode(UserNats.Unlimited with { Sub = new Permission { Allow = ["a q"] } }).Succeeded);
        var payload = TokenForge.Payload(_account.PublicKey, _user.PublicKey, """{"type":"user","src":"10.0.0.0/8, 127.0.0.1/32","version":2}""");
        var result = JwtUserDecoder.Decode(TokenForge.Sign(payload, _account), JwtAuthority.Now);
        Assert.True(result.Succeeded);
        Assert.Equal(["10.0.0.0/8", "127.0.0.1/32"], result.User.Nats.Src);
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("UTC")]
    [InlineData("Local")]
    public void Decode_iana_zones_resolve_under_invariant_globalization(string zone) =>
        Assert.True(Decode(UserNats.Unlimited with { Times = [new TimeRange { Start = "09:00:00", End = "17:00:00" }], TimesLocation = zone }).Succeeded);
}
