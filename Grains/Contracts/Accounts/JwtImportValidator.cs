using Natrium.Contracts.Jwt;

namespace Natrium.Contracts.Accounts;

/// jwt v2.3.0 Imports.Validate, part of JwtAccountValidator: each import well formed, its
/// activation token (if any) matching it, and no two service imports sharing local subjects.
public static class JwtImportValidator
{
    public const string BadType = "account JWT import has an invalid type";
    public const string NoAccount = "account JWT import names no exporting account";
    public const string BadSubject = "account JWT import subject is empty or has spaces";
    public const string BadLocalSubject = "account JWT import local_subject does not fit its subject";
    public const string LocalSubjectAndTo = "account JWT import has both local_subject and to";
    public const string ShareOnStream = "account JWT stream import cannot share";
    public const string BadToken = "account JWT import token does not match the import";
    public const string OverlappingServices = "account JWT service imports overlap";

    public static string? Validate(IReadOnlyList<Import> imports, string importer)
    {
        ArgumentNullException.ThrowIfNull(imports);
        var locals = new List<string>();
        foreach (var import in imports)
        {
            if (import.Type == ExportType.Service)
            {
                // Go's order: the deprecated `to`, else local_subject with $N as `*`, else subject.
                var local = NonEmpty(import.To)
                    ?? (NonEmpty(import.LocalSubject) is { } l ? JwtSubject.ReferencesToStars(l) : null)
                    ?? import.Subject ?? "";
                if (locals.Any(k => JwtSubject.IsContainedIn(local, k) || JwtSubject.IsContainedIn(k, local)))
                {
                    return OverlappingServices;
                }

                locals.Add(local);
            }

            if (ValidateOne(import, importer) is { } issue)
            {
                return issue;
            }
        }

        return null;
    }

    private static string? ValidateOne(Import import, string importer)
    {
        if (import.Type is not (ExportType.Stream or ExportType.Service))
        {
            return BadType;
        }

        if (string.IsNullOrEmpty(import.Account))
        {
            return NoAccount;
        }

        var subject = import.Subject ?? "";
        if (!JwtSubject.IsValid(subject))
        {
            return BadSubject;
        }

        if (NonEmpty(import.LocalSubject) is { } localSubject)
        {
            if (!IsValidRenaming(localSubject, subject))
            {
                return BadLocalSubject;
            }

            if (!string.IsNullOrEmpty(import.To))
            {
                return LocalSubjectAndTo;
            }
        }

        if (import.Share && import.Type != ExportType.Service)
        {
            return ShareOnStream;
        }

        if (string.IsNullOrEmpty(import.Token))
        {
            return null;
        }

        // A legacy service `to` is the exporter's subject, so that is what the token must grant.
        var granted = import.Type == ExportType.Service && NonEmpty(import.To) is { } to ? to : subject;
        var kind = import.Type == ExportType.Service ? ExportKind.Service : ExportKind.Stream;
        return ActivationToken.CheckShape(import.Token, import.Account, importer, kind, granted).Status == ActivationStatus.Valid
            ? null
            : BadToken;
    }

    /// Go RenamingSubject.Validate: a valid subject that ends in `>` exactly when the subject does,
    /// and whose `*` tokens plus `$N` references (N ≤ the subject's `*` count) number the subject's
    /// `*` tokens.
    public static bool IsValidRenaming(string renaming, string subject)
    {
        static bool EndsInRest(string s) => s == ">" || s.EndsWith(".>", StringComparison.Ordinal);
        if (!JwtSubject.IsValid(renaming) || subject.Length == 0 || EndsInRest(renaming) != EndsInRest(subject))
        {
            return false;
        }

        var stars = JwtSubject.CountStarTokens(subject);
        var references = 0;
        foreach (var token in renaming.Split('.'))
        {
            if (token == "*")
            {
                references++;
            }
            else if (JwtSubject.IsReference(token, out var index))
            {
                if (index > stars)
                {
                    return false;
                }

                references++;
            }
        }

        return references == stars;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
