using Natrium.Contracts.Subjects;

namespace Natrium.Contracts.Accounts;

/// Whether an importer may import a subject from an exporter's exports (spec/accounts.md §3):
/// an export of the same kind whose subject covers the imported one, public or listing the
/// importer, or with the importer's name at its account_token_position, or (JWT mode) with a
/// valid activation token. Used by the exporting AccountGrain at run time and by `natrium -t`,
/// so both decide alike.
public static class ExportAuthorization
{
    /// Config mode: no activation tokens exist, so a token_req export (`accounts: []`) refuses.
    public static bool IsAllowed(IReadOnlyList<AccountExport> exports, string importer, ExportKind kind, string subject) =>
        FindAllowing(exports, importer, kind, subject) is not null;

    /// The first export that allows the import, or null (its response type and threshold are
    /// the terms of a service import).
    public static AccountExport? FindAllowing(IReadOnlyList<AccountExport> exports, string importer, ExportKind kind, string subject)
    {
        foreach (var export in exports)
        {
            if (export.Kind != kind || !Covers(export.Subject, subject))
            {
                continue;
            }

            if (export.AccountTokenPosition is int position)
            {
                if (HasImporterAt(subject, position, importer))
                {
                    return export;
                }

                continue;
            }

            // accounts: [] (empty) means a token is required, which a config import cannot give.
            if (export.Accounts is null || export.Accounts.Contains(importer, StringComparer.Ordinal))
            {
                if (export.Accounts is { Count: 0 })
                {
                    continue;
                }

                return export;
            }
        }

        return null;
    }

    /// JWT mode, for an exporter compiled from its account JWT.
    public static ImportAuthorization Authorize(
        JwtAccount exporter, string importer, ExportKind kind, string subject, string? token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        return Authorize(exporter.Config.Exports, exporter.PublicKey, exporter.UserIssuers, importer, kind, subject, token, now);
    }

    /// JWT mode (nats-server checkAuth): account_token_position is decided first, then
    /// token_req needs a valid activation token (exporterSigners = the exporter's key and its
    /// signing keys, who may issue tokens with `issuer_account`), else the export is public.
    /// Several exports may cover the subject; any one that admits the import is enough, as in
    /// config mode. When none does, Activation tells the last token failure seen.
    public static ImportAuthorization Authorize(
        IReadOnlyList<AccountExport> exports,
        string exporterKey,
        IReadOnlyCollection<string> exporterSigners,
        string importer,
        ExportKind kind,
        string subject,
        string? token,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exports);
        var failure = ImportAuthorization.NotExported;
        foreach (var export in exports)
        {
            if (export.Kind != kind || !Covers(export.Subject, subject))
            {
                continue;
            }

            if (export.AccountTokenPosition is int position)
            {
                if (HasImporterAt(subject, position, importer))
                {
                    return ImportAuthorization.Public;
                }

                continue;
            }

            if (export.TokenRequired)
            {
                var activation = ActivationToken.Verify(token, exporterKey, exporterSigners, importer, kind, subject, export.Revocations, now);
                if (activation.IsValid)
                {
                    return new ImportAuthorization(true, ActivationStatus.Valid, activation.Expires);
                }

                failure = new ImportAuthorization(false, activation.Status, null);
                continue;
            }

            if (export.Accounts is null || (export.Accounts.Count > 0 && export.Accounts.Contains(importer, StringComparer.Ordinal)))
            {
                return ImportAuthorization.Public;
            }
        }

        return failure;
    }

    /// The export pattern covers the import subject (equal or wider), token by token. Also the
    /// rule for an activation token's granted subject (spec/jwt.md §5).
    public static bool Covers(string exportSubject, string importSubject)
    {
        if (exportSubject == importSubject)
        {
            return true;
        }

        var e = exportSubject.Split('.');
        var i = importSubject.Split('.');
        for (var n = 0; n < e.Length; n++)
        {
            if (e[n] == ">")
            {
                return i.Length > n;
            }

            if (n >= i.Length || (e[n] != "*" && e[n] != i[n]) || (e[n] == "*" && i[n] == ">"))
            {
                return false;
            }
        }

        return e.Length == i.Length && SubjectValidator.IsValidSubscription(importSubject);
    }

    /// account_token_position n: token n (1-based) of the import subject is the importer.
    private static bool HasImporterAt(string subject, int position, string importer)
    {
        var tokens = subject.Split('.');
        return position >= 1 && position <= tokens.Length && tokens[position - 1] == importer;
    }
}
