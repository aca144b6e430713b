namespace Natrium.Gateway.Auth;

/// Log texts for authentication failures. Fixed strings on purpose: nothing the client sent
/// (which might be a password typed into the user field) and no configured secret is ever
/// interpolated into them.
internal static class AuthFailureReason
{
    public const string UnknownNkey = "nkey not configured";
    public const string MissingSignature = "nkey signature missing";
    public const string MissingNonce = "no nonce was issued for the nkey challenge";
    public const string BadSignature = "nkey signature not valid";
    public const string ConnectionTypeNotAllowed = "connection type not allowed for user";
    public const string MissingCertificate = "verify_and_map requires a client certificate";
    public const string CertificateNotMapped = "client certificate does not map to a user";
    public const string UnknownUser = "user not configured";
    public const string NoPassword = "user has no password configured";
    public const string BadPassword = "password does not match";
    public const string BadToken = "token does not match";
    public const string NoCredentialsMatched = "no configured authentication method matched";
    public const string NoConnect = "first operation was not CONNECT and there is no no_auth_user";

    // Operator mode (spec/jwt.md §7), in the order the checks run.
    public const string JwtMissing = "user JWT missing";
    public const string JwtNotValid = "user JWT not valid";
    public const string JwtSubjectNotUser = "user JWT subject is not a user key";
    public const string JwtExpired = "user JWT expired";
    public const string JwtNotYetValid = "user JWT not yet valid";
    public const string JwtInvalidClaims = "user JWT has invalid permissions, src, times or issuer_account";
    public const string JwtAccountMismatch = "account JWT is not the user's account";
    public const string JwtUnknownIssuer = "user JWT issuer is not the account or one of its signing keys";
    public const string JwtScopedUserHasPermissions = "user JWT issued by a scoped signing key carries permissions or limits";
    public const string JwtTemplateInvalid = "scoped signing key template generated invalid permissions";
    public const string JwtAccountExpired = "account JWT expired";
    public const string JwtBearerNotAllowed = "account does not allow bearer tokens";
    public const string JwtConnectionTypeNotAllowed = "connection type not allowed by user JWT";
    public const string JwtMissingNonce = "no nonce was issued for the user JWT";
    public const string JwtMissingSignature = "nonce signature missing";
    public const string JwtBadSignature = "nonce signature not valid for the user JWT";
    public const string JwtRevoked = "user JWT revoked";
    public const string JwtSourceNotAllowed = "client address not in user JWT src";
    public const string JwtOutsideTimes = "outside the user JWT connect times";
    public const string JwtTimesInvalid = "user JWT connect times or time zone not valid";
    public const string AccountNotPinned = "account is not in resolver_pinned_accounts";
    public const string AccountNotFound = "account JWT not found or not usable";
}
