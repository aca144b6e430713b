using System.Net;
using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Gateway.Auth;
using Natrium.Gateway.Auth.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// Runs the gateway's two login steps for tests, with JwtAuthority's clock and nonce.
internal static class JwtLogin
{
    public static UserClaims User(NKeyPair user, NKeyPair signer, UserNats? nats = null, string? issuerAccount = null, Func<UserClaims, UserClaims>? edit = null)
    {
        var decoded = JwtUserDecoder.Decode(JwtAuthority.UserJwt(user, signer, nats, issuerAccount, edit), JwtAuthority.Now);
        Assert.True(decoded.Succeeded, decoded.FailureReason);
        return decoded.User;
    }

    public static JwtLoginContext Context(NKeyPair user, DateTimeOffset? now = null, string? address = "127.0.0.1", string connectionType = ConnectionTypes.Standard) =>
        new(JwtAuthority.Nonce, JwtAuthority.Sign(user), address is null ? null : IPAddress.Parse(address), connectionType, now ?? JwtAuthority.Now)
        {
            LocalTimeZone = TimeZoneInfo.Utc,
        };

    /// Decode + validate, as the gateway will run the two steps.
    public static JwtLoginResult Login(string userJwt, JwtAccount account, JwtLoginContext context)
    {
        var decoded = JwtUserDecoder.Decode(userJwt, context.Now);
        return decoded.Succeeded ? JwtUserValidator.Validate(decoded.User, account, context) : JwtLoginResult.Fail(decoded.FailureReason);
    }

    /// SubjectPermission is a record of lists, which compare by reference; compare the contents.
    public static void AssertSubjects(string[]? allow, string[]? deny, SubjectPermission? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(allow, actual.Allow?.ToArray());
        Assert.Equal(deny, actual.Deny?.ToArray());
    }
}
