namespace Natrium.Contracts.Accounts;

/// Why an import of a token_req export is (not) active (spec/jwt.md §5), in the order the
/// checks run. Only Valid and NotRequired let the import through.
public enum ActivationStatus
{
    /// The export needs no token (public, listed, or account_token_position).
    NotRequired,

    Valid,

    /// The import carries no token.
    Missing,

    /// Not an activation JWT, bad signature, or an empty granted subject.
    Malformed,

    /// `iss` is not the exporter, or `issuer_account` is not the exporter, or `iss` is not one of
    /// the exporter's signing keys while `issuer_account` is set.
    WrongIssuer,

    /// `sub` is not the importing account.
    WrongImporter,

    /// `nats.kind` is not the import's kind.
    WrongKind,

    /// The import subject is not contained in `nats.subject`.
    SubjectNotGranted,

    Expired,

    NotYetValid,

    /// The export's revocations hold a time ≥ the token's `iat` for the importer or "*".
    Revoked,
}
