using System.Globalization;
using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;
using Natrium.Gateway.Protocol;

namespace Natrium.Silo.Mapping;

/// nats-server 2.9.10's validateTrustedOperators (server/jwt.go) and validateNoAuthUser
/// (auth.go), in their order, with their texts (each seen on 2.9.10 at start unless marked).
/// They apply when an operator JWT is configured; `trusted` keys alone skip them, as there.
internal static class OperatorModeChecks
{
    public static void Run(
        OperatorSettings settings, AccountResolverOptions? resolver, string? systemAccount, OperatorModeContext context, ConfDiagnostics diagnostics)
    {
        var errors = diagnostics.Errors;
        if (settings.DefaultSentinel is { } sentinel)
        {
            CheckSentinel(sentinel, errors);
        }

        if (resolver is null && !settings.HasResolverKey)
        {
            // Never reached from a file on 2.9.10, which makes a URL resolver of an empty
            // account_server_url (see TrustedOperatorsBuilder); the text is jwt.go's.
            errors.Add("operators require an account resolver to be configured");
        }

        if (context.HasAccounts)
        {
            errors.Add("operators do not allow Accounts to be configured directly");
        }

        if (context.HasUsers)
        {
            errors.Add("operators do not allow users to be configured directly");
        }

        if (settings.TrustedKeys.Count > 0)
        {
            errors.Add("conflicting options for 'TrustedKeys' and 'TrustedOperators'");
        }

        var claims = settings.Operators.Select(o => o.Claims).ToList();
        if (systemAccount is not null)
        {
            if (claims.Any(c => !string.IsNullOrEmpty(c.Nats.SystemAccount)) && claims.All(c => c.Nats.SystemAccount != systemAccount))
            {
                errors.Add("system_account in config and operator JWT must be identical");
            }
        }
        else if (string.IsNullOrEmpty(claims[0].Nats.SystemAccount) && resolver?.Kind is ResolverKind.Full or ResolverKind.Cache)
        {
            errors.Add("using nats based account resolver - the system account needs to be specified in configuration or the operator jwt");
        }

        foreach (var c in claims)
        {
            CheckServerVersion(c, errors);
        }

        foreach (var key in claims.SelectMany(c => c.Nats.SigningKeys).Where(k => !OperatorMapper.IsPublicKey(k, NKeyPrefix.Operator)))
        {
            errors.Add($"trusted Keys \"{key}\" are required to be a valid public operator nkey");
        }

        foreach (var key in settings.PinnedAccounts.Where(k => !OperatorMapper.IsPublicKey(k, NKeyPrefix.Account)))
        {
            errors.Add($"pinned account key \"{key}\" is not a valid public account nkey");
        }

        if (context.HasAuthCallout)
        {
            // Later nats-server versions' text; 2.9.10 has no auth callout.
            errors.Add("operators do not allow authorization callouts to be configured directly");
        }

        if (context.NoAuthUser is not null)
        {
            errors.Add("no_auth_user not compatible with Trusted Operator");
        }
    }

    /// default_sentinel (newer than 2.9.10, texts of later versions): a bearer user JWT, or a
    /// user of a scoped signing key, whose permissions come from its scope.
    private static void CheckSentinel(string sentinel, List<string> errors)
    {
        var user = JwtDecoder.Decode<UserClaims>(sentinel);
        if (!user.IsValid)
        {
            errors.Add("default sentinel JWT not valid");
        }
        else if (!user.Claims.Nats.BearerToken && !(user.Claims.Nats.IssuerAccount is { Length: > 0 } && user.Claims.Nats.HasNoPermissionsOrLimits))
        {
            errors.Add("default sentinel must be a bearer token");
        }
    }

    /// assert_server_version against the version Natrium announces (jwt.ParseServerVersion).
    private static void CheckServerVersion(OperatorClaims claims, List<string> errors)
    {
        var asserted = claims.Nats.AssertServerVersion;
        if (string.IsNullOrEmpty(asserted))
        {
            return;
        }

        var (ours, _) = ParseVersion(ServerInfo.CompatibleVersion);
        var (wanted, error) = ParseVersion(asserted);
        if (error is not null)
        {
            errors.Add($"operator {claims.Subject} expects version {asserted} got error instead: {error}");
            return;
        }

        string[] names = ["major", "minor", "update"];
        for (var i = 0; i < 3 && wanted[i] >= ours[i]; i++)
        {
            if (wanted[i] > ours[i])
            {
                errors.Add($"operator {claims.Subject} expected {names[i]} version {wanted[i]} > server {names[i]} version {ours[i]}");
                return;
            }
        }
    }

    private static (int[] Parts, string? Error) ParseVersion(string version)
    {
        var split = version.Split('.');
        if (split.Length != 3)
        {
            return ([], "asserted server version must be of the form <major>.<minor>.<update>");
        }

        var parts = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (!int.TryParse(split[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parts[i]))
            {
                return ([], $"asserted server version cant parse {split[i]} to int");
            }
        }

        // sic: the jwt library's spelling.
        return parts.Any(p => p < 0) ? ([], $"asserted server version can'b contain negative values: {version}") : (parts, null);
    }
}
