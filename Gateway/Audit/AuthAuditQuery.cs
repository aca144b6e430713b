namespace Natrium.Gateway.Audit;

/// Filters of an audit log query (GET /authz); null means any. Limit is already bounded.
internal sealed record AuthAuditQuery(int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public string? Account { get; init; }

    /// Matches the user name or the user's public NKEY.
    public string? User { get; init; }

    /// true: successes only, false: failures only.
    public bool? Success { get; init; }

    public string? Method { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public bool Matches(AuthAuditRecord record) =>
        (Account is null || string.Equals(record.Account, Account, StringComparison.Ordinal))
        && (User is null || string.Equals(record.User, User, StringComparison.Ordinal) || string.Equals(record.UserNkey, User, StringComparison.Ordinal))
        && (Success is null || record.Success == Success)
        && (Method is null || string.Equals(record.Method, Method, StringComparison.Ordinal))
        && (Since is null || record.Time >= Since)
        && (Until is null || record.Time <= Until);
}
