using System.Text;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Security;
using Natrium.Gateway.Auth.Jwt;

namespace Natrium.Gateway.Auth.Callout;

/// Checks the service's answer as nats-server does (processClientOrLeafCallout; spec/auth_callout.md
/// §4–§5): open it if sealed, decode and verify the authorization response JWT, `sub` = the
/// request's user key, `aud` = this server, no `error`; then the user JWT inside: valid and signed,
/// `sub` = the same user key, inside its connect times, a connection type it allows. Placement
/// (which account, who may sign) differs between config and operator mode and is the caller's.
internal static class CalloutResponseChecker
{
    public static CalloutVerdict Read(ReadOnlySpan<byte> payload, CalloutExpectation expect, DateTimeOffset now, out AuthorizationResponseClaims? response, out bool sealedAnswer)
    {
        response = null;
        sealedAnswer = false;
        if (payload.IsEmpty)
        {
            return CalloutVerdict.Fail(CalloutFailureReason.EmptyResponse);
        }

        // Sealed answers are opened; a service may also answer a sealed request in clear.
        var clear = payload;
        if (expect.ServerCurve is { } curve && expect.ServiceXKey is { } service && !payload.StartsWith("eyJ"u8))
        {
            if (curve.Open(payload, service) is not { } opened)
            {
                return CalloutVerdict.Fail(CalloutFailureReason.NotDecrypted);
            }

            clear = opened;
            sealedAnswer = true;
        }

        var decoded = JwtDecoder.Decode<AuthorizationResponseClaims>(Encoding.ASCII.GetString(clear));
        if (!decoded.IsValid)
        {
            return CalloutVerdict.Fail(CalloutFailureReason.ResponseNotValid);
        }

        response = decoded.Claims;
        if (response.CheckTimes(now) != JwtTimeStatus.Valid)
        {
            return CalloutVerdict.Fail(CalloutFailureReason.ResponseExpired);
        }

        if (response.Subject != expect.UserNkey)
        {
            return CalloutVerdict.Fail(CalloutFailureReason.ResponseWrongUser);
        }

        if (response.Audience != expect.ServerId)
        {
            return CalloutVerdict.Fail(CalloutFailureReason.ResponseWrongServer);
        }

        if (!string.IsNullOrEmpty(response.Nats.Error))
        {
            return CalloutVerdict.Fail(CalloutFailureReason.ServiceError) with { ServiceError = response.Nats.Error };
        }

        if (string.IsNullOrEmpty(response.Nats.Jwt))
        {
            return CalloutVerdict.Fail(CalloutFailureReason.ResponseWithoutJwt);
        }

        var user = JwtUserDecoder.Decode(response.Nats.Jwt, now);
        if (!user.Succeeded)
        {
            return CalloutVerdict.Fail(CalloutFailureReason.UserNotValid);
        }

        if (user.User.Subject != expect.UserNkey)
        {
            return CalloutVerdict.Fail(CalloutFailureReason.UserWrongSubject);
        }

        return CalloutVerdict.Allow(user.User, user.AccountKey);
    }

    /// Config mode: the user JWT is signed by the configured issuer itself (no issuer_account)
    /// and its `aud` names the configured account it goes to.
    public static CalloutVerdict PlaceInConfigMode(CalloutVerdict read, AuthCalloutConfig callout, Func<string, bool> accountExists)
    {
        if (!read.Succeeded)
        {
            return read;
        }

        var user = read.User;
        if (!string.IsNullOrEmpty(user.Nats.IssuerAccount))
        {
            return CalloutVerdict.Fail(CalloutFailureReason.UserIssuerAccountInConfigMode);
        }

        if (!string.Equals(callout.Issuer, user.Issuer, StringComparison.Ordinal))
        {
            return CalloutVerdict.Fail(CalloutFailureReason.UserWrongIssuer);
        }

        var account = user.Audience;
        if (string.IsNullOrEmpty(account) || !accountExists(account))
        {
            return CalloutVerdict.Fail(CalloutFailureReason.UnknownAccount);
        }

        return CalloutVerdict.Allow(user, account);
    }

    /// The user's connect times and connection types (nats-server getExpirationAndAllowedConnections),
    /// for both modes; windowEnd is when the current connect window closes.
    public static string? Refusal(UserClaims user, DateTimeOffset now, TimeZoneInfo local, string connectionType, out DateTimeOffset? windowEnd)
    {
        var times = ConnectTimes.Check(user.Nats.Times, user.Nats.TimesLocation, now, local);
        windowEnd = times.WindowEnd;
        if (times.Status != ConnectTimesStatus.Allowed)
        {
            return CalloutFailureReason.UserOutsideTimes;
        }

        var types = JwtUserValidator.KnownConnectionTypes(user.Nats.AllowedConnectionTypes);
        return (user.Nats.AllowedConnectionTypes.Count > 0 && types.Count == 0) || !ConnectionTypes.Allows(types, connectionType)
            ? CalloutFailureReason.UserConnectionType
            : null;
    }
}
