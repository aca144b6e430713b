using Natrium.Contracts.Jwt;
using Natrium.Contracts.Security;

namespace Natrium.Silo.Mapping;

/// What else the config file set that operator mode forbids (spec/jwt.md §8).
internal sealed record OperatorModeContext(bool HasAccounts, bool HasUsers, string? NoAuthUser, bool HasAuthCallout);

/// Resolves the operator-mode keys into TrustedOperators (spec/jwt.md §3, §8) once the whole
/// file is read, with the startup checks of nats-server 2.9.10: validateTrustedOperators
/// (server/jwt.go), validateNoAuthUser (auth.go), configureResolver and the system account
/// lookup (server.go). nats-server runs those in NewServer, after `-t` has passed, and stops
/// at the first; Natrium reports them all, at load and by `-t`. They carry no position, as in
/// nats-server. Null unless `operator` or `trusted` is set.
internal static class TrustedOperatorsBuilder
{
    public static TrustedOperators? Build(
        OperatorSettings settings, string? configSystemAccount, OperatorModeContext context, ConfDiagnostics diagnostics)
    {
        var operators = settings.Operators;
        if (operators.Count == 0 && settings.TrustedKeys.Count == 0)
        {
            if (settings.DefaultSentinel is not null)
            {
                diagnostics.Errors.Add("default sentinel requires operators and accounts");
            }

            return null;
        }

        // With exactly one operator its JWT fills in what the file leaves out (opts.go).
        var single = operators.Count == 1 ? operators[0].Claims.Nats : null;
        var resolver = settings.HasResolverKey ? settings.Resolver : ResolverFromOperator(single?.AccountServerUrl, diagnostics);
        var systemAccount = NullIfEmpty(configSystemAccount) ?? NullIfEmpty(single?.SystemAccount);
        var signers = AccountSigners(settings);
        if (operators.Count > 0)
        {
            OperatorModeChecks.Run(settings, resolver, systemAccount, context, diagnostics);
            if (systemAccount is null)
            {
                diagnostics.Notices.Add("Trusted Operators should utilize a System Account");
            }
        }

        CheckResolver(settings, resolver, systemAccount, signers, diagnostics);
        var pinned = settings.PinnedAccounts;
        if (operators.Count > 0 && pinned.Count > 0 && systemAccount is not null && !pinned.Contains(systemAccount))
        {
            // The operator's system account can always connect (validateTrustedOperators).
            pinned = [.. pinned, systemAccount];
        }

        return new TrustedOperators
        {
            OperatorJwts = operators.Select(o => o.Jwt).ToList(),
            OperatorKeys = operators.Select(o => o.Claims.Subject).Concat(settings.TrustedKeys).Distinct().ToList(),
            AccountSigners = signers,
            SystemAccount = systemAccount,
            Resolver = (resolver ?? new AccountResolverOptions()) with { Preload = settings.Preload },
            PinnedAccounts = pinned,
            DefaultSentinel = settings.DefaultSentinel,
        };
    }

    /// Spec §3: each operator's own key unless strict_signing_key_usage, its signing keys, and
    /// the trusted keys.
    private static List<string> AccountSigners(OperatorSettings settings) =>
        settings.Operators
            .SelectMany(o => o.Claims.Nats.StrictSigningKeyUsage ? o.Claims.Nats.SigningKeys : o.Claims.Nats.SigningKeys.Prepend(o.Claims.Subject))
            .Concat(settings.TrustedKeys)
            .Distinct()
            .ToList();

    /// The operator JWT's account_server_url, when no resolver is set: nsc pushes to
    /// `<url>/accounts`, so nats-server looks up `<url>/accounts/<key>`. With no URL either,
    /// 2.9.10 makes a resolver of "/accounts/" and fails its first fetch at start (`could not
    /// fetch <"/accounts/">: Get "/accounts/": unsupported protocol scheme ""`, seen on 2.9.10);
    /// Natrium says what is missing instead (OperatorModeChecks).
    private static AccountResolverOptions? ResolverFromOperator(string? accountServerUrl, ConfDiagnostics diagnostics)
    {
        var url = accountServerUrl + "/accounts";
        if (string.IsNullOrEmpty(accountServerUrl) || !ResolverUrl.Parses(url))
        {
            return null;
        }

        if (ResolverUrl.Check(url) is { } error)
        {
            diagnostics.Errors.Add(error);
        }

        return new AccountResolverOptions { Kind = ResolverKind.Url, Url = ResolverUrl.WithSlash(url) };
    }

    /// configureResolver and the system account lookup of NewServer, which run with trusted keys too.
    private static void CheckResolver(
        OperatorSettings settings, AccountResolverOptions? resolver, string? systemAccount, List<string> signers, ConfDiagnostics diagnostics)
    {
        if (resolver?.Kind == ResolverKind.Url && settings.Preload.Count > 0)
        {
            diagnostics.Errors.Add("resolver preloads only available for writeable resolver types MEM/DIR/CACHE_DIR");
        }

        // Only MEMORY must hold the system account at start: for full and cache nats-server
        // stands in a temporary one until the account is fetched, and URL is fetched at start.
        if (resolver?.Kind != ResolverKind.Memory || systemAccount is null)
        {
            return;
        }

        if (!settings.Preload.TryGetValue(systemAccount, out var jwt))
        {
            diagnostics.Errors.Add("error resolving system account: account missing");
        }
        else if (JwtDecoder.Decode<AccountClaims>(jwt).Claims is not { } claims || !signers.Contains(claims.Issuer))
        {
            diagnostics.Errors.Add("error resolving system account: account validation failed");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
