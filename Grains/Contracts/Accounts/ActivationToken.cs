using Natrium.Contracts.Jwt;
using Natrium.Contracts.Keys;

namespace Natrium.Contracts.Accounts;

/// Checks an import's activation token against the export it unlocks (spec/jwt.md §5;
/// nats-server Import.Validate + checkActivation + isIssuerClaimTrusted).
public static class ActivationToken
{
    /// Every check: the token's shape against the import, its issuer against the exporter's keys,
    /// its times and the export's revocations. Expires is the token's `exp` when valid.
    public static ActivationResult Verify(
        string? token,
        string exporterKey,
        IReadOnlyCollection<string> exporterSigners,
        string importer,
        ExportKind kind,
        string importSubject,
        IReadOnlyDictionary<string, long> revocations,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exporterSigners);
        ArgumentNullException.ThrowIfNull(revocations);
        var (status, claims) = CheckShape(token, exporterKey, importer, kind, importSubject);
        if (claims is null)
        {
            return new ActivationResult(status, null);
        }

        // issuer_account set: the exporter must be it and `iss` one of its signing keys (the
        // account key counts, unless strict signing is on). Unset: CheckShape made iss the exporter.
        if (claims.Nats.IssuerAccount is { Length: > 0 } && !exporterSigners.Contains(claims.Issuer))
        {
            return new ActivationResult(ActivationStatus.WrongIssuer, null);
        }

        // nats-server drops an activation at `exp <= now` (checkActivation), one second earlier
        // than the `now > exp` of other claims.
        var seconds = now.ToUnixTimeSeconds();
        if (claims.Expires != 0 && claims.Expires <= seconds)
        {
            return new ActivationResult(ActivationStatus.Expired, null);
        }

        if (claims.NotBefore != 0 && claims.NotBefore > seconds)
        {
            return new ActivationResult(ActivationStatus.NotYetValid, null);
        }

        if (IsRevoked(revocations, importer, claims.IssuedAt))
        {
            return new ActivationResult(ActivationStatus.Revoked, null);
        }

        var expires = claims.Expires == 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(claims.Expires);
        return new ActivationResult(ActivationStatus.Valid, expires);
    }

    /// The checks nats-server makes while validating the importing account's JWT (Import.Validate),
    /// where a failure makes that whole account JWT invalid: the token decodes, names the exporter
    /// as `iss` or `issuer_account`, the importer as `sub`, the import's kind, and a subject
    /// containing the import's. No times, no issuer trust, no revocations.
    public static (ActivationStatus Status, ActivationClaims? Claims) CheckShape(
        string? token, string exporterKey, string importer, ExportKind kind, string importSubject)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (ActivationStatus.Missing, null);
        }

        var decoded = JwtDecoder.Decode<ActivationClaims>(token);
        if (!decoded.IsValid || string.IsNullOrEmpty(decoded.Claims.Nats.Subject))
        {
            return (ActivationStatus.Malformed, null);
        }

        var claims = decoded.Claims;
        var issuerAccount = claims.Nats.IssuerAccount;
        if (!string.IsNullOrEmpty(issuerAccount) && !NKeyEncoding.TryDecodePublicKey(issuerAccount, NKeyPrefix.Account, out _))
        {
            return (ActivationStatus.Malformed, null);
        }

        if (claims.Issuer != exporterKey && issuerAccount != exporterKey)
        {
            return (ActivationStatus.WrongIssuer, null);
        }

        if (claims.Subject != importer)
        {
            return (ActivationStatus.WrongImporter, null);
        }

        var expected = kind == ExportKind.Service ? ExportType.Service : ExportType.Stream;
        if (claims.Nats.Kind != expected)
        {
            return (ActivationStatus.WrongKind, null);
        }

        return ExportAuthorization.Covers(claims.Nats.Subject, importSubject)
            ? (ActivationStatus.Valid, claims)
            : (ActivationStatus.SubjectNotGranted, null);
    }

    /// revocations[key] or revocations["*"] at or after issuedAt (nats-server isRevoked; the same
    /// rule revokes users through an account's revocations).
    public static bool IsRevoked(IReadOnlyDictionary<string, long> revocations, string key, long issuedAt)
    {
        ArgumentNullException.ThrowIfNull(revocations);
        return (revocations.TryGetValue(key, out var at) && at >= issuedAt)
            || (revocations.TryGetValue(AllKeys, out var all) && all >= issuedAt);
    }

    /// The revocation entry that applies to every key.
    public const string AllKeys = "*";
}
