using System.Diagnostics.CodeAnalysis;
using Natrium.Contracts.Jwt;

namespace Natrium.Gateway.Auth.Callout;

/// What the service's answer decided: the user JWT and the account it places the user in, or a
/// CalloutFailureReason text (plus, for an error response, the service's own words).
internal sealed record CalloutVerdict(UserClaims? User, string? Account, string? FailureReason)
{
    /// The `error` of an error response, for the log only (it comes from the trusted service).
    public string? ServiceError { get; init; }

    /// Operator mode: the JWT of the account the user goes to, and the scoped signing key that
    /// issued the user, if one did.
    public Natrium.Contracts.Accounts.JwtAccount? TargetAccount { get; init; }

    public UserScope? Scope { get; init; }

    [MemberNotNullWhen(true, nameof(User), nameof(Account))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool Succeeded => User is not null && Account is not null;

    public static CalloutVerdict Fail(string reason) => new(null, null, reason);

    public static CalloutVerdict Allow(UserClaims user, string account) => new(user, account, null);
}
