using Natrium.Contracts.Jwt;
using Natrium.Contracts.Security;

namespace Natrium.Silo.Mapping;

/// The operator-mode keys as read, before the startup checks resolve them into
/// TrustedOperators (TrustedOperatorsBuilder). Each key replaces what an earlier one set, as in
/// nats-server, where a later `operator` (or alias) overrides an earlier one.
internal sealed record OperatorSettings
{
    /// operator / operators / root / roots / root_operator / root_operators, each loaded and decoded.
    public IReadOnlyList<LoadedOperator> Operators { get; init; } = [];

    /// trusted / trusted_keys: operator public keys given without a JWT.
    public IReadOnlyList<string> TrustedKeys { get; init; } = [];

    /// resolver / account_resolver / accounts_resolver; null when absent or invalid.
    public AccountResolverOptions? Resolver { get; init; }

    /// The resolver key was there, valid or not (an invalid one is reported once, where it stands).
    public bool HasResolverKey { get; init; }

    /// resolver_preload: account public key → account JWT, each decoded at load.
    public IReadOnlyDictionary<string, string> Preload { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<string> PinnedAccounts { get; init; } = [];

    /// default_sentinel: newer than nats-server 2.9.10 (which calls it an unknown field); a
    /// Natrium extension with the meaning and checks of later nats-server versions.
    public string? DefaultSentinel { get; init; }
}

/// One operator JWT as loaded from a file or inline, verified and self-signed.
internal sealed record LoadedOperator(string Jwt, OperatorClaims Claims);
