using System.Diagnostics.CodeAnalysis;

namespace Natrium.Gateway.Auth.Jwt;

/// Step (b) of a JWT login: a grant, or a failure reason (an AuthFailureReason text; the client
/// only ever gets 'Authorization Violation').
internal sealed record JwtLoginResult(JwtUserGrant? Grant, string? FailureReason)
{
    [MemberNotNullWhen(true, nameof(Grant))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool Succeeded => Grant is not null;

    public static JwtLoginResult Fail(string reason) => new(null, reason);
}
