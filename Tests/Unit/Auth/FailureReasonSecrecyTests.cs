using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Protocol;
using static Natrium.Tests.Unit.Auth.AuthTestData;
using static Natrium.Tests.Unit.Auth.NKeyVectorTests;

namespace Natrium.Tests.Unit.Auth;

/// The log gets a reason, nobody gets a secret (STYLE.md §5): neither the configured secrets
/// nor anything the client sent may appear in a failure reason or in the bound user.
public sealed class FailureReasonSecrecyTests
{
    private const string ConfiguredToken = "configured-token-9f1c";
    private const string ConfiguredPassword = "configured-password-77aa";
    private const string SentSecret = "client-sent-secret-4b2e";

    public static TheoryData<string> Scenarios => [.. Failures.Keys];

    private static Dictionary<string, (AuthorizationConfig Config, ConnectOptions Connect)> Failures => new()
    {
        ["token"] = (new AuthorizationConfig { Token = ConfiguredToken }, Connect(token: SentSecret)),
        ["bcrypt token"] = (new AuthorizationConfig { Token = Bcrypt(ConfiguredToken) }, Connect(token: SentSecret)),
        ["single user"] = (new AuthorizationConfig { User = "admin", Password = ConfiguredPassword }, Connect(user: "admin", pass: SentSecret)),
        ["secret as user"] = (new AuthorizationConfig { User = "admin", Password = ConfiguredPassword }, Connect(user: SentSecret, pass: SentSecret)),
        ["users"] = (UsersConfig(), Connect(user: "bob", pass: SentSecret)),
        ["users unknown"] = (UsersConfig(), Connect(user: SentSecret, pass: ConfiguredPassword)),
        ["users token"] = (UsersConfig(), Connect(token: SentSecret)),
        ["nkey"] = (UsersConfig(), Connect(nkey: PublicKey, sig: SentSecret)),
        ["nkey unknown"] = (UsersConfig(), Connect(nkey: SentSecret, sig: SentSecret)),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void FailureReason_never_contains_configured_or_sent_secrets(string scenario)
    {
        var (config, connect) = Failures[scenario];
        var result = Run(config, connect, VectorNonce);
        Assert.False(result.Succeeded, scenario);
        Assert.False(string.IsNullOrWhiteSpace(result.FailureReason), scenario);
        foreach (var secret in new[] { ConfiguredToken, ConfiguredPassword, SentSecret, "$2" })
        {
            Assert.DoesNotContain(secret, result.FailureReason!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FailureReason_is_always_one_of_the_fixed_texts()
    {
        var known = typeof(AuthFailureReason).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        foreach (var (config, connect) in Failures.Values)
        {
            var result = Run(config, connect, VectorNonce);
            Assert.Contains(result.FailureReason!, known);
        }
    }

    [Fact]
    public void Success_bound_user_never_carries_the_password()
    {
        var config = UsersConfig() with { NoAuthUser = "bob" };
        Assert.Null(Run(config, Connect(user: "bob", pass: ConfiguredPassword)).User!.Password);
        Assert.Null(Run(config, Connect()).User!.Password);
        Assert.DoesNotContain(ConfiguredPassword, Run(config, Connect()).User!.ToString(), StringComparison.Ordinal);
        var single = new AuthorizationConfig { User = "admin", Password = ConfiguredPassword };
        Assert.Null(Run(single, Connect(user: "admin", pass: ConfiguredPassword)).User!.Password);
    }

    private static AuthorizationConfig UsersConfig() => new()
    {
        Users = [User("bob", ConfiguredPassword), NkeyUser(PublicKey)],
    };
}
