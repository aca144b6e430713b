using System.Diagnostics.CodeAnalysis;
using Natrium.Contracts.Jwt;

namespace Natrium.Gateway.Auth.Jwt;

/// Step (a) of a JWT login: the verified user claims and the account to fetch (`issuer_account`
/// if set, else `iss`), or a failure reason (an AuthFailureReason text).
internal sealed record JwtUserDecodeResult(UserClaims? User, string? AccountKey, string? FailureReason)
{
    [MemberNotNullWhen(true, nameof(User), nameof(AccountKey))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool Succeeded => User is not null && AccountKey is not null;

    public static JwtUserDecodeResult Fail(string reason) => new(null, null, reason);
}
