using Natrium.Contracts.Subjects;

namespace Natrium.Contracts.Accounts;

/// Whether an importer may import a subject from an exporter's exports (spec/accounts.md §3):
/// an export of the same kind whose subject covers the imported one, public or listing the
/// importer, or with the importer's name at its account_token_position. Used by the exporting
/// AccountGrain at run time and by `natrium -t`, so both decide alike.
public static class ExportAuthorization
{
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
                var tokens = subject.Split('.');
                if (position <= tokens.Length && tokens[position - 1] == importer)
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

    /// The export pattern covers the import subject (equal or wider), token by token.
    private static bool Covers(string exportSubject, string importSubject)
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
}
