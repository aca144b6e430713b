using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Callout;
using Natrium.Gateway.Protocol;

namespace Natrium.Tests.Unit.Auth;

/// Which config-mode logins are called out (spec/auth_callout.md §2), with and without
/// Natrium's local_first chain.
public sealed class CalloutPolicyTests
{
    private static readonly AuthCalloutConfig Callout = new() { Issuer = "A", AuthUsers = ["auth", "UAUTHNKEY"], Account = "AUTH", AllowedAccounts = ["APP"] };

    private static AuthResult LoggedIn(string account) => AuthResult.Success(new UserConfig("u", null, null, account, null, []), AuthMethod.UserPassword);

    private static readonly AuthResult Refused = AuthResult.Failure(AuthFailureReason.BadPassword);

    public static TheoryData<string, bool, bool, bool> Cases() => new()
    {
        // user in CONNECT, local result in APP (true) or refused (false), local_first, called out
        { "auth", true, false, false },
        { "auth", false, false, false },   // a wrong password of the service user: refused locally, never sent out
        { "alice", false, false, true },   // unknown locally: the service decides
        { "alice", true, false, true },    // a configured APP user: APP is in allowed_accounts
        { "alice", false, true, true },
        { "alice", true, true, false },    // local_first: the local login stands
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Logins_are_called_out_by_nats_server_rules(string user, bool localOk, bool localFirst, bool expected)
    {
        var connect = new ConnectOptions { User = user, Password = "pw" };
        Assert.Equal(expected, CalloutPolicy.Applies(Callout with { LocalFirst = localFirst }, localOk ? LoggedIn("APP") : Refused, connect));
    }

    [Fact]
    public void Users_of_accounts_outside_allowed_accounts_keep_their_local_result()
    {
        var connect = new ConnectOptions { User = "bob", Password = "pw" };
        Assert.False(CalloutPolicy.Applies(Callout, LoggedIn("OTHER"), connect));
        Assert.True(CalloutPolicy.Applies(Callout with { AllowedAccounts = [] }, LoggedIn("OTHER"), connect));
        Assert.True(CalloutPolicy.Applies(Callout, LoggedIn("$G"), connect));
    }

    [Fact]
    public void The_auth_user_check_uses_the_raw_user_in_nats_server_order()
    {
        Assert.False(CalloutPolicy.Applies(Callout, Refused, new ConnectOptions { Nkey = "UAUTHNKEY", User = "alice" }));
        Assert.True(CalloutPolicy.Applies(Callout, Refused, new ConnectOptions { AuthToken = "auth" }));
        Assert.True(CalloutPolicy.Applies(Callout, Refused, null));
        Assert.Equal("[REDACTED]", CalloutPolicy.RawUser(new ConnectOptions { AuthToken = "s3cret" }));
        Assert.Equal("UJWTSUBJECT", CalloutPolicy.RawUser(new ConnectOptions { Jwt = "eyJ..." }, "UJWTSUBJECT"));
    }
}
