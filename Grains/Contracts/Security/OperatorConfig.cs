namespace Natrium.Contracts.Security;

/// Decentralized auth settings (spec/jwt.md §8): operator JWTs (file paths or inline),
/// trusted keys, the account resolver and preloaded account JWTs.
[GenerateSerializer, Immutable, Alias("natrium.operator-config")]
public sealed record OperatorConfig
{
    [Id(0)] public IReadOnlyList<string> Operators { get; init; } = [];
    [Id(1)] public IReadOnlyList<string> TrustedKeys { get; init; } = [];

    /// MEMORY, URL(...), full or cache; null when absent.
    [Id(2)] public string? ResolverType { get; init; }
    [Id(3)] public string? ResolverUrl { get; init; }
    [Id(4)] public string? ResolverDir { get; init; }
    [Id(5)] public bool ResolverAllowDelete { get; init; }
    [Id(6)] public TimeSpan? ResolverInterval { get; init; }
    [Id(7)] public TimeSpan? ResolverTtl { get; init; }
    [Id(8)] public int? ResolverLimit { get; init; }

    /// resolver_preload: account public key → account JWT.
    [Id(9)] public IReadOnlyDictionary<string, string> Preload { get; init; } = new Dictionary<string, string>();

    public bool IsConfigured => Operators.Count > 0 || TrustedKeys.Count > 0 || ResolverType is not null || Preload.Count > 0;
}
