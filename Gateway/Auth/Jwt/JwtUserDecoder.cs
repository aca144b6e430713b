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
    /// Tokens that passed every check that does not depend on the time: a client that
    /// reconnects with the same JWT (the usual case) costs no JSON parse and no Ed25519
    /// verification. Keyed by the exact token, so nothing can be forged into a hit; emptied
    /// when it grows past its bound.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, UserClaims> Verified = new(StringComparer.Ordinal);

    private const int MaxVerified = 4096;

    public static JwtUserDecodeResult Decode(string? userJwt, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(userJwt))
        {
            return JwtUserDecodeResult.Fail(AuthFailureReason.JwtMissing);
        }

        if (!Verified.TryGetValue(userJwt, out var user))
        {
            var checkedUser = DecodeAndCheck(userJwt);
            if (!checkedUser.Succeeded)
            {
                return checkedUser;
            }

            user = checkedUser.User;
            if (Verified.Count >= MaxVerified)
            {
                Verified.Clear();
            }

            Verified[userJwt] = user;
        }

        switch (user.CheckTimes(now))
        {
            case JwtTimeStatus.Expired:
                return JwtUserDecodeResult.Fail(AuthFailureReason.JwtExpired);
            case JwtTimeStatus.NotYetValid:
                return JwtUserDecodeResult.Fail(AuthFailureReason.JwtNotYetValid);
        }

        var account = string.IsNullOrEmpty(user.Nats.IssuerAccount) ? user.Issuer : user.Nats.IssuerAccount;
        return new JwtUserDecodeResult(user, account, null);
    }

    /// Everything but the time: signature, claim type, subject role, claim validation.
    private static JwtUserDecodeResult DecodeAndCheck(string userJwt)
    {
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

        if (!HasValidClaims(user.Nats))
        {
            return JwtUserDecodeResult.Fail(AuthFailureReason.JwtInvalidClaims);
        }

        return new JwtUserDecodeResult(user, user.Issuer, null);
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
