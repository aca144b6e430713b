namespace Natrium.Gateway.Audit;

/// Answers a query from the audit files, newest record first: the current file, then `.1`,
/// `.2` …, each read backwards from its end. The work is bounded: it stops at the limit, at
/// MaxScanned lines, or once records are older than `since` (lines are appended in about time
/// order; a minute's slack covers records whose decisions finished out of order).
internal static class AuthAuditReader
{
    public const int MaxScanned = 1_000_000;
    private static readonly TimeSpan OrderSlack = TimeSpan.FromMinutes(1);

    public static AuthAuditResult Read(string file, AuthAuditQuery query)
    {
        var found = new List<AuthAuditRecord>();
        var scanned = 0;
        foreach (var path in AuditFileRotation.NewestFirst(file))
        {
            foreach (var line in ReverseLineReader.Lines(path))
            {
                if (++scanned > MaxScanned)
                {
                    return new AuthAuditResult(found, Truncated: true);
                }

                if (!AuthAuditRecord.TryParse(line.Span, out var record))
                {
                    continue;
                }

                if (query.Since is { } since && record!.Time < since - OrderSlack)
                {
                    return new AuthAuditResult(found, Truncated: false);
                }

                if (query.Matches(record!))
                {
                    found.Add(record!);
                    if (found.Count >= query.Limit)
                    {
                        return new AuthAuditResult(found, Truncated: false);
                    }
                }
            }
        }

        return new AuthAuditResult(found, Truncated: false);
    }
}

/// Records found, newest first; Truncated when the scan stopped at AuthAuditReader.MaxScanned.
internal sealed record AuthAuditResult(IReadOnlyList<AuthAuditRecord> Records, bool Truncated);
