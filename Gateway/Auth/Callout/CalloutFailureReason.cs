namespace Natrium.Gateway.Auth.Callout;

/// Log texts for callout failures, in the order the checks run (spec/auth_callout.md §5). Fixed
/// strings, like AuthFailureReason: nothing from the client is ever interpolated. The service's
/// own error text is logged apart, marked as the service's.
internal static class CalloutFailureReason
{
    public const string NoService = "auth callout: no service subscribed to $SYS.REQ.USER.AUTH in the callout account";
    public const string Timeout = "auth callout: no response within the auth timeout";
    public const string NeedsConnect = "auth callout: the first operation was not CONNECT";
    public const string EncryptFailed = "auth callout: the request could not be sealed to the service xkey";
    public const string EmptyResponse = "auth callout: empty response, no reason supplied";
    public const string NotDecrypted = "auth callout: response could not be decrypted with the service xkey";
    public const string ResponseNotValid = "auth callout: response is not a valid authorization response JWT";
    public const string ResponseExpired = "auth callout: response JWT expired or not yet valid";
    public const string ResponseWrongUser = "auth callout: response is not for the expected user";
    public const string ResponseWrongServer = "auth callout: response is not for this server";
    public const string ServiceError = "auth callout: the service returned an error";
    public const string ResponseUnknownSigner = "auth callout: response signed by an unknown key";
    public const string ResponseWithoutJwt = "auth callout: response holds neither a user JWT nor an error";
    public const string UserNotValid = "auth callout: user JWT not valid";
    public const string UserWrongSubject = "auth callout: user JWT is not for the expected user";
    public const string UserIssuerAccountInConfigMode = "auth callout: user JWT sets issuer_account, which config mode does not allow";
    public const string UserWrongIssuer = "auth callout: user JWT not signed by the callout issuer";
    public const string UserOutsideTimes = "auth callout: user outside its connect times";
    public const string UserConnectionType = "auth callout: user JWT does not allow this connection type";
    public const string UnknownAccount = "auth callout: user placed in an account that does not exist";
    public const string AccountNotAllowed = "auth callout: user placed in an account not in allowed_accounts";
    public const string UserRevoked = "auth callout: user JWT revoked in its account";
    public const string UserScopedWithPermissions = "auth callout: user JWT issued by a scoped signing key carries permissions or limits";
    public const string UserTemplateInvalid = "auth callout: scoped signing key template generated invalid permissions";
    public const string UserUnknownIssuer = "auth callout: user JWT issuer is not the account or one of its signing keys";
}
