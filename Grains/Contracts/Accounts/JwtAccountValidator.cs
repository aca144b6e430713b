using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;
using Natrium.Contracts.Security;

namespace Natrium.Contracts.Accounts;

/// The validation nats-server 2.9.10 runs on an account JWT before using it (verifyAccountClaims
/// → AccountClaims.Validate of jwt v2.3.0): any blocking issue makes the whole account unusable,
/// so its users cannot log in. Time checks are the caller's (JwtAccountCompiler). Returns the
/// first issue as a fixed text, or null.
///
/// Worth knowing, all from jwt v2.3.0 and kept as is:
/// - limits.imports / limits.exports count even when absent: absent is 0, so an account JWT
///   with imports or exports needs those limits (nsc writes -1). Wildcard exports are refused
///   unless limits.wildcards, but that rule only runs when limits.exports is not -1.
/// - Mapping destinations may not contain wildcards (`a.>` → `b.>` is refused; `$1` is fine).
/// - Two exports of one kind where one contains the other (or duplicates) are refused; so are
///   service imports whose local subjects overlap.
/// - An import token that does not decode or does not match the import refuses the importer's
///   account; an expired token does not (the import is just inactive).
public static class JwtAccountValidator
{
    public const string TooManyImports = "account JWT has more imports than the operator allows";
    public const string TooManyExports = "account JWT has more exports than the operator allows";
    public const string WildcardExports = "account JWT has wildcard exports the operator does not allow";
    public const string BlankTier = "account JWT has a blank JetStream tier name";
    public const string BadDefaultPermissions = "account JWT default_permissions hold an invalid subject";
    public const string BadMappingSubject = "account JWT mapping has an invalid subject";
    public const string WildcardMappingDestination = "account JWT mapping destination has a wildcard";
    public const string MappingWeights = "account JWT mapping weights exceed 100%";
    public const string BadSigningKey = "account JWT signing key is not an account key";
    public const string BadInfo = "account JWT description or info_url not valid";

    /// Max length of a description or info_url (Go MaxInfoLength).
    public const int MaxInfoLength = 8 * 1024;

    public static string? Validate(AccountClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var nats = claims.Nats;
        return JwtImportValidator.Validate(nats.Imports, claims.Subject)
            ?? JwtExportValidator.Validate(nats.Exports)
            ?? ValidateLimits(nats)
            ?? ValidatePermissions(nats.DefaultPermissions)
            ?? ValidateMappings(nats.Mappings)
            ?? ValidateSigningKeys(nats.SigningKeys)
            ?? (IsValidInfo(nats.Description, nats.InfoUrl) ? null : BadInfo);
    }

    private static string? ValidateLimits(AccountNats nats)
    {
        var limits = nats.Limits;
        if (limits.TieredLimits.ContainsKey(""))
        {
            return BlankTier;
        }

        if (limits.Imports != JwtLimit.Unlimited && nats.Imports.Count > limits.Imports)
        {
            return TooManyImports;
        }

        if (limits.Exports == JwtLimit.Unlimited)
        {
            return null;
        }

        if (nats.Exports.Count > limits.Exports)
        {
            return TooManyExports;
        }

        return !limits.WildcardExports && nats.Exports.Any(static e => JwtSubject.HasWildcards(e.Subject ?? ""))
            ? WildcardExports
            : null;
    }

    /// Go checkPermission: "subject" or, for subscribe only, "subject queue"; each part valid.
    private static string? ValidatePermissions(JwtPermissions permissions)
    {
        var pubOk = permissions.Pub.Allow.Concat(permissions.Pub.Deny).All(static e => IsValidPermission(e, queueAllowed: false));
        var subOk = permissions.Sub.Allow.Concat(permissions.Sub.Deny).All(static e => IsValidPermission(e, queueAllowed: true));
        return pubOk && subOk ? null : BadDefaultPermissions;
    }

    public static bool IsValidPermission(string entry, bool queueAllowed)
    {
        var parts = entry.Split(' ');
        return parts.Length switch
        {
            1 => JwtSubject.IsValid(parts[0]),
            2 => queueAllowed && JwtSubject.IsValid(parts[0]) && JwtSubject.IsValid(parts[1]),
            _ => false,
        };
    }

    private static string? ValidateMappings(IReadOnlyDictionary<string, IReadOnlyList<WeightedMapping>> mappings)
    {
        foreach (var (source, destinations) in mappings)
        {
            if (!JwtSubject.IsValid(source) || destinations.Any(static d => !JwtSubject.IsValid(d.Subject)))
            {
                return BadMappingSubject;
            }

            if (destinations.Any(static d => JwtSubject.HasWildcards(d.Subject)))
            {
                return WildcardMappingDestination;
            }

            // Go sums into a uint8, which wraps past 255; we do not copy that.
            if (destinations.Sum(static d => d.EffectiveWeight) > 100)
            {
                return MappingWeights;
            }
        }

        return null;
    }

    private static string? ValidateSigningKeys(IReadOnlyList<SigningKey> keys) =>
        keys.All(static k => NKeyEncoding.TryDecodePublicKey(k.Key, NKeyPrefix.Account, out _)) ? null : BadSigningKey;

    /// Go Info.Validate: lengths, and an info_url with a scheme and a host.
    public static bool IsValidInfo(string? description, string? infoUrl) =>
        (description?.Length ?? 0) <= MaxInfoLength &&
        (string.IsNullOrEmpty(infoUrl) ||
            (infoUrl.Length <= MaxInfoLength && Uri.TryCreate(infoUrl, UriKind.Absolute, out var uri) && uri.Host.Length > 0));
}
