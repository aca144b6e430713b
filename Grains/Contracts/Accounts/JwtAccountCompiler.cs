using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;

namespace Natrium.Contracts.Accounts;

/// Turns an account JWT into a JwtAccount, the way nats-server's verifyAccountClaims and
/// updateAccountClaims do (spec/jwt.md §4): decode, trusted issuer, times, validation, then the
/// compiled form. Pure: the caller supplies the clock and the trust.
public static class JwtAccountCompiler
{
    public const string MalformedText = "account JWT not valid";
    public const string NotAnAccountKeyText = "account JWT subject is not an account key";
    public const string SelfSignedText = "account JWT is self-signed";
    public const string UntrustedText = "account JWT not signed by a trusted operator";
    public const string ExpiredText = "account JWT expired";
    public const string NotYetValidText = "account JWT not yet valid";

    public static JwtAccountResult Verify(string accountJwt, TrustedOperators trust, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(trust);
        var decoded = JwtDecoder.Decode<AccountClaims>(accountJwt);
        if (!decoded.IsValid)
        {
            return JwtAccountResult.Fail(JwtAccountStatus.Malformed, MalformedText);
        }

        var claims = decoded.Claims;
        if (!NKeyEncoding.TryDecodePublicKey(claims.Subject, NKeyPrefix.Account, out _))
        {
            return JwtAccountResult.Fail(JwtAccountStatus.NotAnAccountKey, NotAnAccountKeyText);
        }

        // AccountSigners only ever hold operator keys, but say so explicitly: an account vouching
        // for itself must never pass, whatever the trust list holds.
        if (claims.Issuer == claims.Subject)
        {
            return JwtAccountResult.Fail(JwtAccountStatus.SelfSigned, SelfSignedText);
        }

        if (!trust.AccountSigners.Contains(claims.Issuer, StringComparer.Ordinal))
        {
            return JwtAccountResult.Fail(JwtAccountStatus.Untrusted, UntrustedText);
        }

        switch (claims.CheckTimes(now))
        {
            case JwtTimeStatus.Expired:
                return JwtAccountResult.Fail(JwtAccountStatus.Expired, ExpiredText);
            case JwtTimeStatus.NotYetValid:
                return JwtAccountResult.Fail(JwtAccountStatus.NotYetValid, NotYetValidText);
        }

        if (JwtAccountValidator.Validate(claims) is { } issue)
        {
            return JwtAccountResult.Fail(JwtAccountStatus.Invalid, issue);
        }

        return new JwtAccountResult(JwtAccountStatus.Valid, Compile(accountJwt, claims, IsStrictSigner(trust, claims.Issuer)), null);
    }

    /// The compiled form of claims already verified. strictSigning: the issuing operator key is a
    /// signing key of an operator with strict_signing_key_usage, so the account's own key may not
    /// sign users either, only its signing keys (nats-server updateAccountClaimsWithRefresh).
    public static JwtAccount Compile(string accountJwt, AccountClaims claims, bool strictSigning = false)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var nats = claims.Nats;
        var issuers = new HashSet<string>(StringComparer.Ordinal);
        if (!strictSigning)
        {
            issuers.Add(claims.Subject);
        }

        var scopes = new Dictionary<string, UserScope>(StringComparer.Ordinal);
        foreach (var key in nats.SigningKeys)
        {
            issuers.Add(key.Key);
            if (key.Scope is { } scope)
            {
                scopes[key.Key] = scope;
            }
        }

        var limits = nats.Limits;
        return new JwtAccount
        {
            PublicKey = claims.Subject,
            Jwt = accountJwt,
            Claims = claims,
            Expires = claims.Expires == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(claims.Expires),
            UserIssuers = issuers,
            Scopes = scopes,
            Revocations = new Dictionary<string, long>(nats.Revocations, StringComparer.Ordinal),
            DefaultPermissions = JwtPermissionsMapper.ToConfig(nats.DefaultPermissions),
            Limits = new AccountLimits(JwtLimit.ToInt32(limits.Conn), JwtLimit.ToInt32(limits.Subs), JwtLimit.ToInt32(limits.Payload)),
            MaxData = JwtLimit.ToInt64(limits.Data),
            DisallowBearer = limits.DisallowBearer,
            Config = JwtAccountConfigCompiler.Compile(claims),
        };
    }

    /// Whether issuer is a signing key of a loaded operator JWT that sets strict_signing_key_usage.
    public static bool IsStrictSigner(TrustedOperators trust, string issuer)
    {
        ArgumentNullException.ThrowIfNull(trust);
        foreach (var token in trust.OperatorJwts)
        {
            var decoded = JwtDecoder.Decode<OperatorClaims>(token);
            if (decoded.IsValid && decoded.Claims.Nats.StrictSigningKeyUsage &&
                decoded.Claims.Nats.SigningKeys.Contains(issuer, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
