namespace Natrium.Contracts.Jwt;

/// The values of `nats.type` (spec/jwt.md §3–§6, spec/auth_callout.md §3–§4).
public static class JwtClaimType
{
    public const string Operator = "operator";
    public const string Account = "account";
    public const string User = "user";
    public const string Activation = "activation";
    public const string AuthorizationRequest = "authorization_request";
    public const string AuthorizationResponse = "authorization_response";
}
