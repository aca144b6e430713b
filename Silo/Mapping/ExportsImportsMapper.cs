using Natrium.Contracts.Accounts;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// An account's `exports` and `imports` arrays (spec/accounts.md §2).
internal static class ExportsImportsMapper
{
    public static List<AccountExport> Exports(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var exports = new List<AccountExport>();
        foreach (var map in Maps(entry, diagnostics))
        {
            ExportKind? kind = null;
            string? subject = null;
            IReadOnlyList<string>? accounts = null;
            var responseType = ResponseType.Singleton;
            var threshold = AccountExport.DefaultResponseThreshold;
            int? tokenPosition = null;
            foreach (var e in map.Entries)
            {
                switch (e.Key.ToLowerInvariant())
                {
                    case "stream" or "service":
                        kind = e.Key.Equals("stream", StringComparison.OrdinalIgnoreCase) ? ExportKind.Stream : ExportKind.Service;
                        subject = ConfReading.String(e, diagnostics);
                        break;
                    case "accounts":
                        accounts = Strings(e, diagnostics);
                        break;
                    case "response_type" or "response":
                        responseType = ResponseTypeOf(e, diagnostics);
                        break;
                    case "response_threshold" or "threshold" or "response_max_time" or "response_time":
                        threshold = ConfReading.Duration(e, diagnostics) ?? threshold;
                        break;
                    case "account_token_position":
                        tokenPosition = ConfReading.Int32(e, diagnostics, 1);
                        break;
                    case "latency" or "allow_trace":
                        break;
                    default:
                        diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                        break;
                }
            }

            if (kind is null || subject is null)
            {
                diagnostics.Error(map.Position, "export needs \"stream\" or \"service\" with a subject");
                continue;
            }

            exports.Add(new AccountExport(kind.Value, subject, accounts, responseType, threshold, tokenPosition));
        }

        return exports;
    }

    public static List<AccountImport> Imports(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var imports = new List<AccountImport>();
        foreach (var map in Maps(entry, diagnostics))
        {
            ExportKind? kind = null;
            string? account = null, subject = null, to = null, prefix = null;
            var share = false;
            foreach (var e in map.Entries)
            {
                switch (e.Key.ToLowerInvariant())
                {
                    case "stream" or "service" when e.Value is ConfMap source:
                        kind = e.Key.Equals("stream", StringComparison.OrdinalIgnoreCase) ? ExportKind.Stream : ExportKind.Service;
                        account = source.Find("account") is { } a ? ConfReading.String(a, diagnostics) : null;
                        subject = source.Find("subject") is { } s ? ConfReading.String(s, diagnostics) : null;
                        break;
                    case "to":
                        to = ConfReading.String(e, diagnostics);
                        break;
                    case "prefix":
                        prefix = ConfReading.String(e, diagnostics);
                        break;
                    case "share":
                        share = ConfReading.Bool(e, diagnostics) ?? false;
                        break;
                    case "allow_trace":
                        break;
                    default:
                        diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                        break;
                }
            }

            if (kind is null || account is null || subject is null)
            {
                diagnostics.Error(map.Position, "import needs \"stream\" or \"service\" with an account and a subject");
                continue;
            }

            if (prefix is not null && to is not null)
            {
                diagnostics.Error(map.Position, "a stream import can not have both a prefix and a to");
            }

            imports.Add(new AccountImport(kind.Value, account, subject, to, prefix, share));
        }

        return imports;
    }

    private static IEnumerable<ConfMap> Maps(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfArray array)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected an array, got {entry.Value.Kind}");
            yield break;
        }

        foreach (var item in array.Items)
        {
            if (item is ConfMap map)
            {
                yield return map;
            }
            else
            {
                diagnostics.Error(item.Position, $"{entry.Key}: expected a map, got {item.Kind}");
            }
        }
    }

    private static List<string> Strings(ConfEntry entry, ConfDiagnostics diagnostics) =>
        entry.Value is ConfArray a
            ? a.Items.OfType<ConfString>().Select(s => s.Value).ToList()
            : [ConfReading.String(entry, diagnostics) ?? string.Empty];

    private static ResponseType ResponseTypeOf(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        switch (ConfReading.String(entry, diagnostics)?.ToLowerInvariant())
        {
            case "single" or "singleton" or null:
                return ResponseType.Singleton;
            case "stream":
                return ResponseType.Stream;
            case "chunk" or "chunked":
                return ResponseType.Chunked;
            case var other:
                diagnostics.Error(entry.Value.Position, $"unknown response type \"{other}\"");
                return ResponseType.Singleton;
        }
    }
}
