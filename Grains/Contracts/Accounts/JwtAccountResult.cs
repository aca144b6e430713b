using System.Diagnostics.CodeAnalysis;

namespace Natrium.Contracts.Accounts;

/// A verified, compiled account, or why not. Failure is a fixed text (never quotes the JWT), safe
/// to log and to put in a resolver's error reply.
public sealed record JwtAccountResult(JwtAccountStatus Status, JwtAccount? Account, string? Failure)
{
    [MemberNotNullWhen(true, nameof(Account))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Status == JwtAccountStatus.Valid && Account is not null;

    public static JwtAccountResult Fail(JwtAccountStatus status, string failure) => new(status, null, failure);
}
