using System.Text;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Protocol;
using Org.BouncyCastle.Crypto.Generators;

namespace Natrium.Tests.Unit.Auth;

/// nats-server's authentication precedence (spec/auth.md §2) and certificate mapping
/// (spec/tls.md §4), without sockets.
public sealed class AuthenticatorTests
{
    private static UserConfig User(string? name, string? password = null, string? nkey = null, params string[] types) =>
        new(name, password, nkey, AccountNames.Global, null, types);

    private static string Bcrypt(string secret) => OpenBsdBCrypt.Generate(secret.ToCharArray(), new byte[16], 4);

    [Fact]
    public void No_auth_configured_accepts_anyone()
    {
        var result = new Authenticator(AuthorizationConfig.None).Authenticate(new ConnectOptions { User = "x", Password = "y" }, null, null);
        Assert.True(result.Succeeded);
        Assert.False(new Authenticator(AuthorizationConfig.None).Required);
    }

    [Theory]
    [InlineData("s3cr3t", true)]
    [InlineData("wrong", false)]
    [InlineData(null, false)]
    public void Token_plain_and_bcrypt(string? sent, bool expected)
    {
        foreach (var token in new[] { "s3cr3t", Bcrypt("s3cr3t"), Bcrypt("s3cr3t").Replace("$2a$", "$2b$", StringComparison.Ordinal) })
        {
            var result = new Authenticator(new AuthorizationConfig { Token = token }).Authenticate(new ConnectOptions { AuthToken = sent }, null, null);
            Assert.Equal(expected, result.Succeeded);
        }
    }

    [Fact]
    public void Single_user_needs_both_name_and_password()
    {
        var auth = new Authenticator(new AuthorizationConfig { User = "u", Password = "p" });
        Assert.True(auth.Authenticate(new ConnectOptions { User = "u", Password = "p" }, null, null).Succeeded);
        Assert.False(auth.Authenticate(new ConnectOptions { User = "v", Password = "p" }, null, null).Succeeded);
        Assert.False(auth.Authenticate(new ConnectOptions { User = "u", Password = "q" }, null, null).Succeeded);
    }

    [Fact]
    public void Nkey_challenge_verifies_the_signed_nonce_and_ignores_user_and_pass()
    {
        using var pair = NKeyPair.Create(NKeyPrefix.User);
        var auth = new Authenticator(new AuthorizationConfig { Users = [User(null, nkey: pair.PublicKey), User("bob", "pw")] });
        Assert.True(auth.NeedsNonce);
        var nonce = Nonce.Create();
        var sig = Convert.ToBase64String(pair.Sign(Encoding.ASCII.GetBytes(nonce)));
        Assert.True(auth.Authenticate(new ConnectOptions { Nkey = pair.PublicKey, Signature = sig, User = "bob", Password = "bad" }, nonce, null).Succeeded);
        Assert.Equal(AuthFailureReason.BadSignature, auth.Authenticate(new ConnectOptions { Nkey = pair.PublicKey, Signature = sig }, Nonce.Create(), null).FailureReason);
        Assert.Equal(AuthFailureReason.MissingSignature, auth.Authenticate(new ConnectOptions { Nkey = pair.PublicKey }, nonce, null).FailureReason);
        using var other = NKeyPair.Create(NKeyPrefix.User);
        Assert.Equal(AuthFailureReason.UnknownNkey, auth.Authenticate(new ConnectOptions { Nkey = other.PublicKey, Signature = sig }, nonce, null).FailureReason);
    }

    [Fact]
    public void Users_list_takes_user_and_password_and_the_no_auth_user()
    {
        var auth = new Authenticator(new AuthorizationConfig { Users = [User("alice", Bcrypt("apw")), User("guest", "gpw")], NoAuthUser = "guest" });
        Assert.Equal("alice", auth.Authenticate(new ConnectOptions { User = "alice", Password = "apw" }, null, null).User!.Name);
        Assert.Null(auth.Authenticate(new ConnectOptions { User = "alice", Password = "apw" }, null, null).User!.Password);
        Assert.Equal("guest", auth.Authenticate(new ConnectOptions(), null, null).User!.Name);
        Assert.Equal("guest", auth.AuthenticateWithoutConnect().User!.Name);
        Assert.False(auth.Authenticate(new ConnectOptions { User = "alice", Password = "no" }, null, null).Succeeded);
        Assert.False(auth.Authenticate(new ConnectOptions { AuthToken = "anything" }, null, null).Succeeded);
    }

    [Fact]
    public void Without_no_auth_user_the_first_op_must_be_connect()
    {
        var auth = new Authenticator(new AuthorizationConfig { Users = [User("alice", "apw")] });
        Assert.Equal(AuthFailureReason.NoConnect, auth.AuthenticateWithoutConnect().FailureReason);
    }

    [Fact]
    public void Connection_types_that_exclude_standard_make_the_user_unknown()
    {
        var auth = new Authenticator(new AuthorizationConfig { Users = [User("ws", "pw", null, "WEBSOCKET"), User("std", "pw", null, "STANDARD")] });
        Assert.False(auth.Authenticate(new ConnectOptions { User = "ws", Password = "pw" }, null, null).Succeeded);
        Assert.True(auth.Authenticate(new ConnectOptions { User = "std", Password = "pw" }, null, null).Succeeded);
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("app.example.com")]
    [InlineData("CN=svc,OU=Eng,O=Acme")]
    [InlineData("O=Acme,OU=Eng,CN=svc")]
    [InlineData("CN=svc,OU=Eng,O=Acme,DC=example,DC=org")]
    public void Certificate_maps_by_email_dns_and_dn_in_any_order(string configuredName)
    {
        var auth = new Authenticator(new AuthorizationConfig { VerifyAndMap = true, Users = [User(configuredName)] });
        var identity = new CertificateIdentity(["alice@example.com"], ["app.example.com"], "CN=svc,OU=Eng,O=Acme,DC=example,DC=org");
        var result = auth.Authenticate(new ConnectOptions { User = "ignored", Password = "ignored" }, null, identity);
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(configuredName, result.User!.Name);
    }

    [Fact]
    public void Certificate_that_maps_to_nobody_fails()
    {
        var auth = new Authenticator(new AuthorizationConfig { VerifyAndMap = true, Users = [User("CN=other")] });
        Assert.Equal(AuthFailureReason.CertificateNotMapped, auth.Authenticate(new ConnectOptions(), null, new CertificateIdentity([], [], "CN=svc")).FailureReason);
        Assert.Equal(AuthFailureReason.MissingCertificate, auth.Authenticate(new ConnectOptions(), null, null).FailureReason);
    }

    [Fact]
    public void Failure_reasons_never_contain_what_the_client_sent()
    {
        var auth = new Authenticator(new AuthorizationConfig { Users = [User("alice", "apw")] });
        var result = auth.Authenticate(new ConnectOptions { User = "alice", Password = "my-secret-typo" }, null, null);
        Assert.DoesNotContain("my-secret-typo", result.FailureReason, StringComparison.Ordinal);
        Assert.DoesNotContain("apw", result.FailureReason, StringComparison.Ordinal);
    }
}
