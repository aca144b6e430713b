using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Natrium.Gateway.Audit;

namespace Natrium.Silo.Monitoring;

/// GET /authz (Natrium's own): authentication audit records from the audit_log files, newest
/// first, filtered by `account`, `user` (name or public NKEY), `outcome` (success|failure),
/// `method`, `since` and `until` (RFC 3339), at most `limit` (default 100, at most 10,000).
/// A bad or unknown parameter is a 400 with a JSON error, so a typo never reads as "no records".
internal static class Authz
{
    private static readonly HashSet<string> Parameters = ["account", "user", "outcome", "method", "since", "until", "limit"];

    public static IResult Get(HttpRequest request, AuditLogOptions? audit)
    {
        if (audit is null)
        {
            return Error(StatusCodes.Status404NotFound, "no audit_log is configured: authentication decisions are not recorded");
        }

        if (Parse(request.Query, out var query) is { } problem)
        {
            return Error(StatusCodes.Status400BadRequest, problem);
        }

        var result = AuthAuditReader.Read(audit.File, query!);
        return Results.Json(new Dictionary<string, object?>
        {
            ["now"] = DateTimeOffset.UtcNow,
            ["limit"] = query!.Limit,
            ["count"] = result.Records.Count,
            ["truncated"] = result.Truncated,
            ["records"] = result.Records.Select(r => JsonSerializer.Deserialize<JsonElement>(r.ToJson())).ToList(),
        });
    }

    /// The query, or the text of what is wrong with it.
    private static string? Parse(IQueryCollection parameters, out AuthAuditQuery? query)
    {
        query = null;
        foreach (var name in parameters.Keys)
        {
            if (!Parameters.Contains(name))
            {
                return $"unknown parameter \"{name}\"; known: {string.Join(", ", Parameters)}";
            }

            if (parameters[name].Count > 1)
            {
                return $"parameter \"{name}\" given more than once";
            }
        }

        var limit = AuthAuditQuery.DefaultLimit;
        if (Value(parameters, "limit") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > AuthAuditQuery.MaxLimit))
        {
            return $"limit must be a whole number from 1 to {AuthAuditQuery.MaxLimit}";
        }

        bool? success = Value(parameters, "outcome") switch
        {
            null => null,
            AuthAuditRecord.SuccessOutcome => true,
            AuthAuditRecord.FailureOutcome => false,
            _ => (bool?)null,
        };
        if (Value(parameters, "outcome") is { } outcome && success is null)
        {
            return $"outcome must be \"{AuthAuditRecord.SuccessOutcome}\" or \"{AuthAuditRecord.FailureOutcome}\"";
        }

        if (Value(parameters, "method") is { } method && !AuthAuditRecord.Methods.Contains(method))
        {
            return $"method must be one of {string.Join(", ", AuthAuditRecord.Methods)}";
        }

        if (Time(parameters, "since", out var since) is { } badSince)
        {
            return badSince;
        }

        if (Time(parameters, "until", out var until) is { } badUntil)
        {
            return badUntil;
        }

        if (since > until)
        {
            return "since is after until";
        }

        query = new AuthAuditQuery(limit)
        {
            Account = Value(parameters, "account"),
            User = Value(parameters, "user"),
            Method = Value(parameters, "method"),
            Success = success,
            Since = since,
            Until = until,
        };
        return null;
    }

    private static string? Time(IQueryCollection parameters, string name, out DateTimeOffset? time)
    {
        time = null;
        if (Value(parameters, name) is not { } text)
        {
            return null;
        }

        // RFC 3339: a date, a time and an offset (Z or ±hh:mm); nothing looser.
        if (!DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || !(text.EndsWith('Z') || text.EndsWith("z", StringComparison.Ordinal) || text[^6] is '+' or '-'))
        {
            return $"{name} must be an RFC 3339 time such as 2025-01-31T12:00:00Z";
        }

        time = parsed;
        return null;
    }

    private static string? Value(IQueryCollection parameters, string name) =>
        parameters.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static IResult Error(int status, string message) =>
        Results.Json(new Dictionary<string, object> { ["error"] = message, ["code"] = status }, statusCode: status);
}
