using Natrium.Contracts.Security;
using Natrium.Contracts.Subjects;
using Natrium.Gateway.Auth;
using static Natrium.Tests.Unit.Auth.AuthTestData;

namespace Natrium.Tests.Unit.Auth;

/// No auth, the single token and the single user/password (spec/auth.md §2 steps 1, 5, 6; §3).
public sealed class TokenAndSingleUserAuthTests
{
    private static readonly PermissionsConfig SinglePermissions = new(new SubjectPermission(["single.>"], null), null, null);

    [Fact]
    public void NoAuth_any_credentials_are_accepted_as_global_anonymous()
    {
        var result = Run(AuthorizationConfig.None, Connect(user: "x", pass: "y", token: "z"));
        Assert.True(result.Succeeded);
        Assert.Equal(AuthMethod.None, result.Method);
        Assert.Equal(AccountNames.Global, result.User!.Account);
        Assert.Null(result.User.Permissions);
    }

    [Fact]
    public void Token_plain_correct_succeeds_with_single_user_permissions()
    {
        var config = new AuthorizationConfig { Token = "s3cr3t", SingleUserPermissions = SinglePermissions };
        var result = Run(config, Connect(token: "s3cr3t"));
        Assert.True(result.Succeeded);
        Assert.Equal(AuthMethod.Token, result.Method);
        Assert.Equal(AccountNames.Global, result.User!.Account);
        Assert.Same(SinglePermissions, result.User.Permissions);
        Assert.Null(result.User.Password);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("s3cr3")]
    [InlineData("")]
    [InlineData(null)]
    public void Token_plain_wrong_or_missing_fails(string? token)
    {
        var result = Run(new AuthorizationConfig { Token = "s3cr3t" }, Connect(token: token));
        Assert.False(result.Succeeded);
        Assert.Null(result.User);
        Assert.NotNull(result.FailureReason);
    }

    [Fact]
    public void Token_sent_as_password_fails()
    {
        Assert.False(Run(new AuthorizationConfig { Token = "s3cr3t" }, Connect(user: "a", pass: "s3cr3t")).Succeeded);
    }

    [Theory]
    [InlineData("2a")]
    [InlineData("2b")]
    public void Token_bcrypt_correct_succeeds_and_wrong_fails(string version)
    {
        var config = new AuthorizationConfig { Token = Bcrypt("s3cr3t", version) };
        Assert.True(Run(config, Connect(token: "s3cr3t")).Succeeded);
        Assert.False(Run(config, Connect(token: "wrong")).Succeeded);
    }

    [Fact]
    public void Token_bcrypt_sending_the_hash_itself_fails()
    {
        var hash = Bcrypt("s3cr3t");
        Assert.False(Run(new AuthorizationConfig { Token = hash }, Connect(token: hash)).Succeeded);
    }

    [Fact]
    public void SingleUser_correct_password_succeeds_named_in_global()
    {
        var config = new AuthorizationConfig { User = "admin", Password = "pw", SingleUserPermissions = SinglePermissions };
        var result = Run(config, Connect(user: "admin", pass: "pw"));
        Assert.True(result.Succeeded);
        Assert.Equal(AuthMethod.SingleUser, result.Method);
        Assert.Equal("admin", result.User!.Name);
        Assert.Equal(AccountNames.Global, result.User.Account);
        Assert.Same(SinglePermissions, result.User.Permissions);
        Assert.Null(result.User.Password);
    }

    [Theory]
    [InlineData("admin", "wrong")]
    [InlineData("admin", null)]
    [InlineData("Admin", "pw")]
    [InlineData("other", "pw")]
    [InlineData(null, "pw")]
    public void SingleUser_wrong_user_or_password_fails(string? user, string? pass)
    {
        var config = new AuthorizationConfig { User = "admin", Password = "pw" };
        Assert.False(Run(config, Connect(user: user, pass: pass)).Succeeded);
    }

    [Theory]
    [InlineData("2a")]
    [InlineData("2b")]
    public void SingleUser_bcrypt_password_verifies_and_hash_itself_fails(string version)
    {
        var hash = Bcrypt("pw", version);
        var config = new AuthorizationConfig { User = "admin", Password = hash };
        Assert.True(Run(config, Connect(user: "admin", pass: "pw")).Succeeded);
        Assert.False(Run(config, Connect(user: "admin", pass: "bad")).Succeeded);
        Assert.False(Run(config, Connect(user: "admin", pass: hash)).Succeeded);
    }

    [Fact]
    public void SingleUser_without_configured_password_fails_closed()
    {
        var config = new AuthorizationConfig { User = "admin" };
        Assert.False(Run(config, Connect(user: "admin")).Succeeded);
        Assert.False(Run(config, Connect(user: "admin", pass: "")).Succeeded);
    }

    [Fact]
    public void SingleUser_token_sent_instead_fails()
    {
        var config = new AuthorizationConfig { User = "admin", Password = "pw" };
        Assert.False(Run(config, Connect(token: "pw")).Succeeded);
    }

    [Fact]
    public void WithoutConnect_token_configured_fails()
    {
        var result = new Authenticator(new AuthorizationConfig { Token = "t" }).AuthenticateWithoutConnect();
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void WithoutConnect_no_auth_configured_succeeds()
    {
        Assert.True(new Authenticator(AuthorizationConfig.None).AuthenticateWithoutConnect().Succeeded);
    }
}
