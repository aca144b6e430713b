using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using static Natrium.Tests.Unit.Auth.AuthTestData;
using static Natrium.Tests.Unit.Auth.NKeyVectorTests;

namespace Natrium.Tests.Unit.Auth;

/// Several methods configured at once: nats-server's order decides (spec/auth.md §2).
public sealed class PrecedenceTests
{
    [Fact]
    public void Precedence_nkey_in_connect_wins_over_users_and_no_auth_user()
    {
        var config = new AuthorizationConfig { Users = [User("bob", "pw"), NkeyUser(PublicKey)], NoAuthUser = "bob" };
        var result = Run(config, Connect(nkey: PublicKey, sig: SigStd), VectorNonce);
        Assert.Equal(AuthMethod.Nkey, result.Method);
    }

    [Fact]
    public void Precedence_nkey_sent_without_nkey_users_falls_to_users_list()
    {
        var config = new AuthorizationConfig { Users = [User("bob", "pw")] };
        Assert.True(Run(config, Connect(user: "bob", pass: "pw", nkey: PublicKey, sig: SigStd), VectorNonce).Succeeded);
        Assert.False(Run(config, Connect(nkey: PublicKey, sig: SigStd), VectorNonce).Succeeded);
    }

    [Fact]
    public void Precedence_nkey_and_named_users_mixed_each_log_in_their_way()
    {
        var config = new AuthorizationConfig { Users = [User("bob", "pw"), NkeyUser(PublicKey)] };
        Assert.Equal(AuthMethod.UserPassword, Run(config, Connect(user: "bob", pass: "pw"), VectorNonce).Method);
        Assert.Equal(AuthMethod.Nkey, Run(config, Connect(nkey: PublicKey, sig: SigUrl), VectorNonce).Method);
    }

    [Fact]
    public void Precedence_named_no_auth_user_beats_nkey_users_when_connect_is_empty()
    {
        var config = new AuthorizationConfig { Users = [User("bob", "pw"), NkeyUser(PublicKey)], NoAuthUser = "bob" };
        var result = Run(config, Connect(), VectorNonce);
        Assert.Equal(AuthMethod.NoAuthUser, result.Method);
        Assert.Equal("bob", result.User!.Name);
    }

    [Fact]
    public void Precedence_users_list_shadows_token_and_single_user()
    {
        // Invalid together (the validator says so), but if it happens the users list decides.
        var config = new AuthorizationConfig { Token = "tok", User = "admin", Password = "pw", Users = [User("bob", "bobpw")] };
        Assert.False(Run(config, Connect(token: "tok")).Succeeded);
        Assert.False(Run(config, Connect(user: "admin", pass: "pw")).Succeeded);
        Assert.True(Run(config, Connect(user: "bob", pass: "bobpw")).Succeeded);
    }

    [Fact]
    public void Precedence_token_checked_before_single_user()
    {
        var config = new AuthorizationConfig { Token = "tok", User = "admin", Password = "pw" };
        Assert.Equal(AuthMethod.Token, Run(config, Connect(token: "tok")).Method);
        Assert.False(Run(config, Connect(user: "admin", pass: "pw")).Succeeded);
    }

    [Fact]
    public void Precedence_verify_and_map_ignores_user_and_password()
    {
        var config = new AuthorizationConfig { Users = [User("bob", "pw"), User("app.example.com", null)], VerifyAndMap = true };
        var cert = Cert("CN=app", dns: ["app.example.com"]);
        var result = Run(config, Connect(user: "bob", pass: "pw"), cert: cert);
        Assert.Equal(AuthMethod.Certificate, result.Method);
        Assert.Equal("app.example.com", result.User!.Name);
        Assert.False(Run(config, Connect(user: "bob", pass: "pw")).Succeeded);
    }

    [Fact]
    public void Precedence_verify_and_map_with_nkey_in_connect_runs_nkey_challenge()
    {
        var config = new AuthorizationConfig { Users = [User("app", null), NkeyUser(PublicKey)], VerifyAndMap = true };
        Assert.Equal(AuthMethod.Nkey, Run(config, Connect(nkey: PublicKey, sig: SigUrl), VectorNonce).Method);
    }

    [Fact]
    public void Precedence_verify_and_map_with_empty_connect_uses_certificate_not_no_auth_user()
    {
        var config = new AuthorizationConfig { Users = [User("bob", "pw"), User("app", null)], VerifyAndMap = true, NoAuthUser = "bob" };
        var result = Run(config, Connect(), cert: Cert("CN=x", dns: ["app"]));
        Assert.Equal("app", result.User!.Name);
        Assert.False(Run(config, Connect(), cert: Cert("CN=x", dns: ["unknown"])).Succeeded);
    }
}
