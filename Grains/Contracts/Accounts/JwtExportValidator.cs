using Natrium.Contracts.Jwt;

namespace Natrium.Contracts.Accounts;

/// jwt v2.3.0 Exports.Validate, part of JwtAccountValidator: each export well formed, and no
/// export of one kind contained in another of the same kind.
public static class JwtExportValidator
{
    public const string BadType = "account JWT export has an invalid type";
    public const string BadResponseType = "account JWT export has an invalid response type";
    public const string BadLatency = "account JWT export latency tracking not valid";
    public const string BadThreshold = "account JWT export response threshold not valid";
    public const string BadSubject = "account JWT export subject is empty or has spaces";
    public const string BadTokenPosition = "account JWT export account_token_position not valid";
    public const string Overlapping = "account JWT exports of one kind overlap";

    public static string? Validate(IReadOnlyList<Export> exports)
    {
        ArgumentNullException.ThrowIfNull(exports);
        foreach (var export in exports)
        {
            if (ValidateOne(export) is { } issue)
            {
                return issue;
            }
        }

        // Go puts every non-service export with the streams here.
        for (var i = 0; i < exports.Count; i++)
        {
            for (var j = 0; j < exports.Count; j++)
            {
                if (i != j && (exports[i].Type == ExportType.Service) == (exports[j].Type == ExportType.Service) &&
                    JwtSubject.IsContainedIn(exports[i].Subject ?? "", exports[j].Subject ?? ""))
                {
                    return Overlapping;
                }
            }
        }

        return null;
    }

    private static string? ValidateOne(Export export)
    {
        var service = export.Type == ExportType.Service;
        if (export.Type is not (ExportType.Stream or ExportType.Service))
        {
            return BadType;
        }

        if (service
            ? export.ResponseType is not (null or "" or Export.SingletonResponse or Export.StreamResponse or Export.ChunkedResponse)
            : !string.IsNullOrEmpty(export.ResponseType))
        {
            return BadResponseType;
        }

        if (export.Latency is { } latency &&
            (!service || latency.Sampling is < 0 or > 100 || !JwtSubject.IsValid(latency.Results) || JwtSubject.HasWildcards(latency.Results)))
        {
            return BadLatency;
        }

        if (export.ResponseThreshold < 0 || (export.ResponseThreshold > 0 && !service))
        {
            return BadThreshold;
        }

        var subject = export.Subject ?? "";
        if (!JwtSubject.IsValid(subject))
        {
            return BadSubject;
        }

        if (export.AccountTokenPosition > 0)
        {
            var tokens = subject.Split('.');
            if (!JwtSubject.HasWildcards(subject) || export.AccountTokenPosition > tokens.Length ||
                tokens[export.AccountTokenPosition - 1] != "*")
            {
                return BadTokenPosition;
            }
        }

        return JwtAccountValidator.IsValidInfo(export.Description, export.InfoUrl) ? null : JwtAccountValidator.BadInfo;
    }
}
