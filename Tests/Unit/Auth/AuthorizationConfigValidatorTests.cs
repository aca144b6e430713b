using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using static Natrium.Tests.Unit.Auth.AuthTestData;
using static Natrium.Tests.Unit.Auth.NKeyVectorTests;

namespace Natrium.Tests.Unit.Auth;

/// Startup errors and warnings with nats-server's exact texts (spec/auth.md §2, §5, §9).
public sealed class AuthorizationConfigValidatorTests
{
    private static AuthorizationValidationResult Validate(AuthorizationConfig config, bool accounts = false) =>
        AuthorizationConfigValidator.Validate(config, accounts);

    [Fact]
    public void Validate_clean_configs_have_no_errors_or_warnings()
    {
        Assert.True(Validate(AuthorizationConfig.None).IsValid);
        var config = new AuthorizationConfig { Users = [User("a", Bcrypt("pw", "2b")), NkeyUser(PublicKey)], NoAuthUser = "a" };
        var result = Validate(config);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Validate_user_pass_and_token_is_an_error()
    {
        Assert.Equal(["Cannot have a user/pass and token"],
            Validate(new AuthorizationConfig { User = "u", Password = Bcrypt("p"), Token = "t" }).Errors);
    }

    [Fact]
    public void Validate_single_user_and_users_array_is_an_error()
    {
        var result = Validate(new AuthorizationConfig { User = "u", Password = Bcrypt("p"), Users = [User("a", Bcrypt("b"))] });
        Assert.Equal(["Can not have a single user/pass and a users array"], result.Errors);
    }

    [Fact]
    public void Validate_token_and_users_array_is_an_error()
    {
        var result = Validate(new AuthorizationConfig { Token = "t", Users = [NkeyUser(PublicKey)] });
        Assert.Equal(["Can not have a token and a users array"], result.Errors);
    }

    [Fact]
    public void Validate_single_user_or_token_with_accounts_is_an_error()
    {
        Assert.Contains("Can not have a single user/pass and accounts",
            Validate(new AuthorizationConfig { User = "u", Password = Bcrypt("p") }, accounts: true).Errors);
        Assert.Contains("Can not have a token and accounts", Validate(new AuthorizationConfig { Token = "t" }, accounts: true).Errors);
        Assert.Contains("Can not have a token and accounts",
            Validate(new AuthorizationConfig { Token = "t", Users = [User("a", Bcrypt("b"), "ACME")] }).Errors);
    }

    [Fact]
    public void Validate_duplicate_user_across_accounts_is_an_error()
    {
        var result = Validate(new AuthorizationConfig { Users = [User("x", Bcrypt("a")), User("x", Bcrypt("b"), "ACME")] });
        Assert.Equal(["Duplicate user \"x\" detected"], result.Errors);
    }

    [Fact]
    public void Validate_duplicate_nkey_is_an_error()
    {
        var result = Validate(new AuthorizationConfig { Users = [NkeyUser(PublicKey), NkeyUser(PublicKey)] });
        Assert.Equal([$"Duplicate nkey \"{PublicKey}\" detected"], result.Errors);
    }

    [Theory]
    [InlineData("bob", null)]
    [InlineData(null, "pw")]
    public void Validate_nkey_user_with_name_or_password_is_an_error(string? name, string? password)
    {
        var user = new UserConfig(name, password, PublicKey, "$G", null, []);
        Assert.Contains("Nkey users do not take usernames or passwords", Validate(new AuthorizationConfig { Users = [user] }).Errors);
    }

    [Theory]
    [InlineData("UAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RLKA")]
    [InlineData("not-a-key")]
    [InlineData(Seed)]
    public void Validate_invalid_user_nkey_is_an_error(string nkey)
    {
        Assert.Equal(["Not a valid public nkey for a user"], Validate(new AuthorizationConfig { Users = [NkeyUser(nkey)] }).Errors);
    }

    [Fact]
    public void Validate_account_nkey_as_user_is_an_error()
    {
        using var account = NKeyPair.Create(NKeyPrefix.Account);
        Assert.Equal(["Not a valid public nkey for a user"], Validate(new AuthorizationConfig { Users = [NkeyUser(account.PublicKey)] }).Errors);
    }

    [Fact]
    public void Validate_entry_without_user_or_nkey_is_an_error()
    {
        var user = new UserConfig(null, Bcrypt("pw"), null, "$G", null, []);
        Assert.Equal(["User entry requires a user"], Validate(new AuthorizationConfig { Users = [user] }).Errors);
    }

    [Fact]
    public void Validate_unknown_connection_type_is_an_error()
    {
        var config = new AuthorizationConfig { Users = [User("a", Bcrypt("p"), "$G", "standard", "Websocket", "CARRIER_PIGEON")] };
        Assert.Equal(["unknown connection type \"CARRIER_PIGEON\""], Validate(config).Errors);
    }

    [Fact]
    public void Validate_no_auth_user_without_users_is_an_error()
    {
        Assert.Equal(["no_auth_user: \"x\" present, but users/nkeys are not defined"],
            Validate(new AuthorizationConfig { Token = "t", NoAuthUser = "x" }).Errors);
    }

    [Fact]
    public void Validate_no_auth_user_not_defined_is_an_error()
    {
        var config = new AuthorizationConfig { Users = [User("a", Bcrypt("p"))], NoAuthUser = "x" };
        Assert.Equal(["no_auth_user: \"x\" not present as user or nkey in authorization block or account configuration"],
            Validate(config).Errors);
    }

    [Fact]
    public void Validate_no_auth_user_naming_nkey_is_valid()
    {
        Assert.True(Validate(new AuthorizationConfig { Users = [NkeyUser(PublicKey)], NoAuthUser = PublicKey }).IsValid);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validate_plaintext_passwords_warn(bool singleUser)
    {
        var config = singleUser
            ? new AuthorizationConfig { User = "u", Password = "plain" }
            : new AuthorizationConfig { Users = [User("a", Bcrypt("p")), User("b", "plain")] };
        var result = Validate(config);
        Assert.True(result.IsValid);
        Assert.Equal(["Plaintext passwords detected, use nkeys or bcrypt"], result.Warnings);
    }

    [Fact]
    public void Validate_plain_token_and_cert_mapped_users_do_not_warn()
    {
        Assert.Empty(Validate(new AuthorizationConfig { Token = "plain" }).Warnings);
        Assert.Empty(Validate(new AuthorizationConfig { Users = [User("CN=svc,O=Acme", null)], VerifyAndMap = true }).Warnings);
    }

    [Fact]
    public void Validate_password_less_user_without_mapping_warns_as_nats_server_does()
    {
        // nats-server's plaintext warning, and Natrium's own about the login it allows.
        Assert.Equal(
            [AuthorizationConfigValidator.PlaintextPasswords, AuthorizationConfigValidator.PasswordlessUser("svc")],
            Validate(new AuthorizationConfig { Users = [User("svc", null)] }).Warnings);
    }

    [Fact]
    public void Validate_collects_every_error()
    {
        var config = new AuthorizationConfig
        {
            User = "u", Token = "t", NoAuthUser = "ghost",
            Users = [User("x", "a"), User("x", "b"), NkeyUser("bad")],
        };
        Assert.Equal(6, Validate(config).Errors.Count);
    }
}
