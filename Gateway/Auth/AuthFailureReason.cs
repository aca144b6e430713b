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
}
