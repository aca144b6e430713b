using Natrium.Contracts.Jwt;

namespace Natrium.Gateway.Auth.Callout;

/// Where and how one callout goes: the account the request is published in, the request's `sub`
/// (config mode: the issuer; operator mode: the account), the service's xkey, and the placement
/// step that turns a read answer into a verdict (config or operator mode rules).
internal sealed record CalloutTarget(
    string Account,
    string RequestSubject,
    string? XKey,
    Func<CalloutVerdict, AuthorizationResponseClaims?, bool, Task<CalloutVerdict>> Place);
