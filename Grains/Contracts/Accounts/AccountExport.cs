namespace Natrium.Contracts.Accounts;

public enum ExportKind
{
    Stream,
    Service,
}

/// How a service answers (spec/accounts.md §3): one reply, a stream of replies, or chunks.
public enum ResponseType
{
    Singleton,
    Stream,
    Chunked,
}

/// One entry of an account's `exports` (spec/accounts.md §2). Accounts null means public.
[GenerateSerializer, Immutable, Alias("natrium.account-export")]
public sealed record AccountExport(
    [property: Id(0)] ExportKind Kind,
    [property: Id(1)] string Subject,
    [property: Id(2)] IReadOnlyList<string>? Accounts,
    [property: Id(3)] ResponseType ResponseType,
    [property: Id(4)] TimeSpan ResponseThreshold,
    [property: Id(5)] int? AccountTokenPosition)
{
    public static readonly TimeSpan DefaultResponseThreshold = TimeSpan.FromMinutes(2);

    /// JWT `token_req`: an importer must present an activation token (spec/jwt.md §5).
    [Id(6)] public bool TokenRequired { get; init; }

    /// JWT export `revocations`: importing account key → Unix seconds; activation tokens
    /// issued at or before are revoked.
    [Id(7)] public IReadOnlyDictionary<string, long> Revocations { get; init; } = NoRevocations;

    private static readonly IReadOnlyDictionary<string, long> NoRevocations = new Dictionary<string, long>();

    /// Equal when every field is, the account list and the revocations by their contents: a
    /// config or JWT read again makes new collections of the same export (a reload compares
    /// them to re-wire only what changed).
    public bool Equals(AccountExport? other) =>
        other is not null
        && Kind == other.Kind
        && Subject == other.Subject
        && ResponseType == other.ResponseType
        && ResponseThreshold == other.ResponseThreshold
        && AccountTokenPosition == other.AccountTokenPosition
        && TokenRequired == other.TokenRequired
        && (Accounts is null ? other.Accounts is null : other.Accounts is not null && Accounts.SequenceEqual(other.Accounts, StringComparer.Ordinal))
        && Revocations.Count == other.Revocations.Count
        && Revocations.All(r => other.Revocations.TryGetValue(r.Key, out var at) && at == r.Value);

    public override int GetHashCode() => HashCode.Combine(Kind, Subject, ResponseType, ResponseThreshold, AccountTokenPosition, TokenRequired, Accounts?.Count, Revocations.Count);
}
