using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using static Natrium.Tests.Unit.Auth.AuthTestData;

namespace Natrium.Tests.Unit.Auth;

/// The users list: user/password, no_auth_user, allowed_connection_types (spec/auth.md §2 step 4, §5, §9).
public sealed class UsersAuthTests
{
    private static readonly PermissionsConfig AlicePermissions = new(new SubjectPermission(["a.>"], ["a.secret"]), null, null);

    private static readonly AuthorizationConfig Config = new()
    {
        Users =
        [
            User("alice", Bcrypt("alicepw", "2b")) with { Permissions = AlicePermissions },
            User("bob", "bobpw"),
            User("carol", Bcrypt("carolpw", "2a"), "ACME"),
        ],
    };

    [Theory]
    [InlineData("alice", "alicepw")]
    [InlineData("bob", "bobpw")]
    [InlineData("carol", "carolpw")]
    public void Users_correct_password_plain_or_bcrypt_succeeds(string user, string pass)
    {
        var result = Run(Config, Connect(user: user, pass: pass));
        Assert.True(result.Succeeded);
        Assert.Equal(AuthMethod.UserPassword, result.Method);
        Assert.Equal(user, result.User!.Name);
    }

    [Fact]
    public void Users_result_carries_account_and_permissions_without_password()
    {
        var alice = Run(Config, Connect(user: "alice", pass: "alicepw")).User!;
        Assert.Same(AlicePermissions, alice.Permissions);
        Assert.Null(alice.Password);
        Assert.Equal("ACME", Run(Config, Connect(user: "carol", pass: "carolpw")).User!.Account);
    }

    [Theory]
    [InlineData("alice", "wrong")]
    [InlineData("bob", "bobpW")]
    [InlineData("bob", null)]
    [InlineData("carol", "alicepw")]
    [InlineData("dave", "bobpw")]
    [InlineData("Bob", "bobpw")]
    public void Users_wrong_password_or_unknown_user_fails(string user, string? pass)
    {
        var result = Run(Config, Connect(user: user, pass: pass));
        Assert.False(result.Succeeded);
        Assert.Null(result.User);
    }

    [Fact]
    public void Users_bcrypt_hash_sent_as_password_fails()
    {
        var hash = Config.Users[0].Password!;
        Assert.False(Run(Config, Connect(user: "alice", pass: hash)).Succeeded);
    }

    [Fact]
    public void Users_auth_token_alone_fails()
    {
        Assert.False(Run(Config, Connect(token: "bobpw")).Succeeded);
    }

    [Fact]
    public void Users_password_without_user_fails()
    {
        Assert.False(Run(Config, Connect(pass: "bobpw")).Succeeded);
    }

    [Fact]
    public void Users_entry_without_password_admits_a_client_sending_none_as_nats_server()
    {
        var config = new AuthorizationConfig { Users = [User("nopw", null)] };
        var result = Run(config, Connect(user: "nopw"));
        Assert.True(result.Succeeded);
        Assert.Equal("nopw", result.User!.Name);

        // A password for a password-less entry is wrong, as on nats-server 2.9.10.
        var withPassword = Run(config, Connect(user: "nopw", pass: "guess"));
        Assert.False(withPassword.Succeeded);
        Assert.Equal(AuthFailureReason.NoPassword, withPassword.FailureReason);
        Assert.Contains(AuthorizationConfigValidator.PasswordlessUser("nopw"), AuthorizationConfigValidator.Validate(config).Warnings);
    }

    [Fact]
    public void Certificate_mapped_entry_without_password_cannot_log_in_by_name()
    {
        var config = new AuthorizationConfig { Users = [User("CN=svc,O=Acme", null)], VerifyAndMap = true };
        Assert.False(Run(config, Connect(user: "CN=svc,O=Acme")).Succeeded);
        Assert.DoesNotContain(AuthorizationConfigValidator.PasswordlessUser("CN=svc,O=Acme"), AuthorizationConfigValidator.Validate(config).Warnings);
    }

    [Fact]
    public void NoAuthUser_connect_without_credentials_logs_in_as_it()
    {
        var result = Run(Config with { NoAuthUser = "bob" }, Connect());
        Assert.True(result.Succeeded);
        Assert.Equal(AuthMethod.NoAuthUser, result.Method);
        Assert.Equal("bob", result.User!.Name);
    }

    [Fact]
    public void NoAuthUser_empty_strings_count_as_no_credentials()
    {
        Assert.True(Run(Config with { NoAuthUser = "bob" }, Connect(user: "", pass: "", token: "")).Succeeded);
    }

    [Fact]
    public void NoAuthUser_other_user_with_credentials_is_checked_normally()
    {
        var config = Config with { NoAuthUser = "bob" };
        Assert.Equal("alice", Run(config, Connect(user: "alice", pass: "alicepw")).User!.Name);
        Assert.False(Run(config, Connect(user: "alice", pass: "wrong")).Succeeded);
        Assert.False(Run(config, Connect(user: "bob", pass: "wrong")).Succeeded);
    }

    [Theory]
    [InlineData(null, "x", null)]
    [InlineData(null, null, "x")]
    [InlineData("bob", null, null)]
    public void NoAuthUser_partial_credentials_are_not_anonymous(string? user, string? pass, string? token)
    {
        Assert.False(Run(Config with { NoAuthUser = "bob" }, Connect(user: user, pass: pass, token: token)).Succeeded);
    }

    [Fact]
    public void NoAuthUser_without_connect_binds_it_and_otherwise_fails()
    {
        var result = new Authenticator(Config with { NoAuthUser = "carol" }).AuthenticateWithoutConnect();
        Assert.True(result.Succeeded);
        Assert.Equal("carol", result.User!.Name);
        Assert.Null(result.User.Password);
        Assert.False(new Authenticator(Config).AuthenticateWithoutConnect().Succeeded);
    }

    [Fact]
    public void NoAuthUser_connect_without_credentials_and_no_no_auth_user_fails()
    {
        Assert.False(Run(Config, Connect()).Succeeded);
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "STANDARD" }, true)]
    [InlineData(new[] { "standard", "WEBSOCKET" }, true)]
    [InlineData(new[] { "WEBSOCKET" }, false)]
    [InlineData(new[] { "MQTT", "LEAFNODE" }, false)]
    public void ConnectionTypes_user_list_must_include_standard(string[] types, bool allowed)
    {
        var config = new AuthorizationConfig { Users = [User("u", "pw", "$G", types)], NoAuthUser = "u" };
        Assert.Equal(allowed, Run(config, Connect(user: "u", pass: "pw")).Succeeded);
        Assert.Equal(allowed, Run(config, Connect()).Succeeded);
        Assert.Equal(allowed, new Authenticator(config).AuthenticateWithoutConnect().Succeeded);
    }

    [Fact]
    public void ConnectionTypes_authenticator_for_websocket_admits_websocket_only_user()
    {
        var config = new AuthorizationConfig { Users = [User("u", "pw", "$G", "WEBSOCKET")] };
        Assert.True(new Authenticator(config, "WEBSOCKET").Authenticate(Connect(user: "u", pass: "pw"), null, null).Succeeded);
    }
}

/// Re-authentication after a reload: an unchanged bcrypt hash is not checked again.
public sealed class BcryptReauthenticationTests
{
    private static readonly string AliceHash = Bcrypt("alicepw");

    private static AuthorizationConfig With(string aliceHash) => new() { Users = [User("alice", aliceHash), User("bob", "bobpw")] };

    [Fact]
    public void Success_remembers_the_bcrypt_hash_it_was_checked_against_and_only_that()
    {
        var authenticator = new Authenticator(With(AliceHash));
        Assert.Equal(AliceHash, authenticator.Authenticate(Connect(user: "alice", pass: "alicepw"), null, null).VerifiedBcrypt);
        Assert.Null(authenticator.Authenticate(Connect(user: "bob", pass: "bobpw"), null, null).VerifiedBcrypt);
    }

    [Fact]
    public void Unchanged_hash_is_trusted_without_running_bcrypt_again()
    {
        // The caller vouches that this CONNECT verified against the hash; a recheck would fail
        // on the wrong password given here, so success shows bcrypt did not run.
        var result = new Authenticator(With(AliceHash)).Authenticate(Connect(user: "alice", pass: "not-checked"), null, null, verifiedBcrypt: AliceHash);
        Assert.True(result.Succeeded);
        Assert.Equal(AliceHash, result.VerifiedBcrypt);
    }

    [Fact]
    public void Changed_hash_is_checked_again()
    {
        var changed = new Authenticator(With(Bcrypt("newpw")));
        Assert.False(changed.Authenticate(Connect(user: "alice", pass: "alicepw"), null, null, verifiedBcrypt: AliceHash).Succeeded);
        Assert.True(changed.Authenticate(Connect(user: "alice", pass: "newpw"), null, null, verifiedBcrypt: AliceHash).Succeeded);
    }

    [Fact]
    public void A_vouched_hash_never_stands_in_for_a_plain_password()
    {
        Assert.False(new Authenticator(With(AliceHash)).Authenticate(Connect(user: "bob", pass: "wrong"), null, null, verifiedBcrypt: AliceHash).Succeeded);
    }
}
