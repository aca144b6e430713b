using Natrium.Contracts.Accounts;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Gateway.Auth.Jwt;

/// Step (a) of a JWT login (spec/jwt.md §7 steps 1–4): decode and verify the CONNECT `jwt`, check
/// its times and the validation nats-server runs on user claims (jwt v2.3.0 UserClaims.Validate:
/// permission subjects, src CIDRs, times, times_location, issuer_account), and name the account
/// to fetch. Falling back to default_sentinel when `jwt` is absent is the caller's. CONNECT `nkey`
/// plays no part in operator mode: nats-server only reads it for configured NKEY users, which
/// operator mode cannot have.
internal static class JwtUserDecoder
{
    public static JwtUserDecodeResult Decode(string? userJwt, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(userJwt))
        {
            return JwtUserDecodeResult.Fail(AuthFailureReason.JwtMissing);
        }

        // The decoder enforces the claim type, the signature by `iss` and an account issuer.
        var decoded = JwtDecoder.Decode<UserClaims>(userJwt);
        if (!decoded.IsValid)
        {
            return JwtUserDecodeResult.Fail(AuthFailureReason.JwtNotValid);
        }

        var user = decoded.Claims;

        // Go does not look at the subject's role; we do: revocations and the nonce signature are
        // keyed by it, and nsc only ever issues user JWTs to U… keys.
        if (!NKeyEncoding.TryDecodePublicKey(user.Subject, NKeyPrefix.User, out _))
        {
            return JwtUserDecodeResult.Fail(AuthFailureReason.JwtSubjectNotUser);
        }

        switch (user.CheckTimes(now))
        {
            case JwtTimeStatus.Expired:
                return JwtUserDecodeResult.Fail(AuthFailureReason.JwtExpired);
            case JwtTimeStatus.NotYetValid:
                return JwtUserDecodeResult.Fail(AuthFailureReason.JwtNotYetValid);
        }

        if (!HasValidClaims(user.Nats))
        {
            return JwtUserDecodeResult.Fail(AuthFailureReason.JwtInvalidClaims);
        }

        var account = string.IsNullOrEmpty(user.Nats.IssuerAccount) ? user.Issuer : user.Nats.IssuerAccount;
        return new JwtUserDecodeResult(user, account, null);
    }

    /// jwt v2.3.0 User.Validate (+ issuer_account): any issue here rejects the user before the
    /// account is even looked up.
    private static bool HasValidClaims(UserNats nats) =>
        nats.Pub.Allow.Concat(nats.Pub.Deny).All(static e => JwtAccountValidator.IsValidPermission(e, queueAllowed: false)) &&
        nats.Sub.Allow.Concat(nats.Sub.Deny).All(static e => JwtAccountValidator.IsValidPermission(e, queueAllowed: true)) &&
        SourceNetworks.AllValid(nats.Src) &&
        ConnectTimes.AllValid(nats.Times) &&
        (string.IsNullOrEmpty(nats.TimesLocation) || ConnectTimes.TryFindZone(nats.TimesLocation, TimeZoneInfo.Utc, out _)) &&
        (string.IsNullOrEmpty(nats.IssuerAccount) || NKeyEncoding.TryDecodePublicKey(nats.IssuerAccount, NKeyPrefix.Account, out _));
}
