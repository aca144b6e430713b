using Natrium.Contracts.Security;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// `resolver` / `account_resolver` / `accounts_resolver` (spec/jwt.md §8) as nats-server
/// 2.9.10 reads it (opts.go): MEMORY or MEM, URL("…"), or a map for the NATS-based resolvers,
/// `{ type: full|cache, dir, allow_delete, interval, timeout, limit, ttl }`. Errors stand at
/// the key, as nats-server's do; every text below was seen on 2.9.10 unless marked.
/// Unlike nats-server, loading checks but never creates the directory (`-t` has no effect).
internal static class ResolverMapper
{
    private const string Usage =
        "error parsing account resolver, should be MEM or  URL(\"url\") or a map containing dir and type state=[FULL|CACHE])";

    public static AccountResolverOptions? Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var before = diagnostics.Errors.Count;
        var resolver = entry.Value switch
        {
            ConfString s => FromString(entry, s.Value.Trim(), diagnostics),
            ConfMap m => FromMap(entry, m, diagnostics),
            _ => null,
        };
        if (entry.Value is not (ConfString or ConfMap))
        {
            diagnostics.Error(entry.KeyPosition, $"error parsing operator resolver, wrong type {ConfReading.GoType(entry.Value)}");
        }

        return diagnostics.Errors.Count == before ? resolver : null;
    }

    /// nats-server matches MEM anywhere in the text and URL(...) loosely (unanchored regexes,
    /// so `URL(http://member.example/)` is a memory resolver there); Natrium takes the whole
    /// text: MEM, MEMORY, URL, or URL(...) with the address optionally quoted.
    private static AccountResolverOptions? FromString(ConfEntry entry, string text, ConfDiagnostics diagnostics)
    {
        if (text.Equals("MEM", StringComparison.OrdinalIgnoreCase) || text.Equals("MEMORY", StringComparison.OrdinalIgnoreCase))
        {
            return new AccountResolverOptions { Kind = ResolverKind.Memory };
        }

        var call = text.StartsWith("URL", StringComparison.OrdinalIgnoreCase) ? text[3..].Trim() : null;
        if (call is null || (call.Length > 0 && !(call[0] == '(' && call[^1] == ')')))
        {
            diagnostics.Error(entry.KeyPosition, Usage);
            return null;
        }

        var url = call.Length == 0 ? "" : call[1..^1].Trim().Trim('"');
        if (ResolverUrl.Check(url) is { } error)
        {
            diagnostics.Error(entry.KeyPosition, error);
            return null;
        }

        return new AccountResolverOptions { Kind = ResolverKind.Url, Url = ResolverUrl.WithSlash(url) };
    }

    private static AccountResolverOptions? FromMap(ConfEntry entry, ConfMap map, ConfDiagnostics diagnostics)
    {
        string? type = null;
        string? dir = null;
        var allowDelete = false;
        long limit = 0;
        TimeSpan ttl = TimeSpan.Zero, interval = TimeSpan.Zero;
        TimeSpan? timeout = null;
        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "type": type = ConfReading.String(e, diagnostics); break;
                case "dir": dir = ConfReading.String(e, diagnostics); break;
                case "allow_delete": allowDelete = ConfReading.Bool(e, diagnostics) ?? false; break;
                case "limit": limit = ConfReading.Integer(e, diagnostics) ?? 0; break;
                case "ttl": ttl = Duration(e, diagnostics) ?? TimeSpan.Zero; break;
                case "interval": interval = Duration(e, diagnostics) ?? TimeSpan.Zero; break;
                case "timeout": timeout = Duration(e, diagnostics); break;
                default:
                    // nats-server ignores any other key here without a word.
                    diagnostics.Notice(e.KeyPosition, $"unknown field \"{e.Key}\" in {entry.Key} is ignored");
                    break;
            }
        }

        if (string.IsNullOrEmpty(dir))
        {
            diagnostics.Error(entry.KeyPosition, "dir has no value and needs to point to a directory");
            return null;
        }

        var path = Path.GetFullPath(dir);
        if (File.Exists(path) || (Directory.Exists(path) && !OwnerMayEnter(path)))
        {
            diagnostics.Error(entry.KeyPosition, "dir needs to point to an accessible directory");
            return null;
        }

        var kind = type?.ToUpperInvariant() switch { "FULL" => ResolverKind.Full, "CACHE" => ResolverKind.Cache, _ => (ResolverKind?)null };
        if (kind is null)
        {
            diagnostics.Error(entry.KeyPosition, Usage);
            return null;
        }

        CheckOptions(entry, kind.Value, (allowDelete, ttl, interval, timeout), diagnostics);
        return new AccountResolverOptions
        {
            Kind = kind.Value,
            Dir = path,
            AllowDelete = allowDelete,
            Interval = kind == ResolverKind.Cache ? TimeSpan.Zero : interval > TimeSpan.Zero ? interval : AccountResolverOptions.DefaultInterval,
            Timeout = timeout ?? AccountResolverOptions.DefaultTimeout,
            Limit = limit > 0 ? (int)Math.Min(limit, int.MaxValue) : kind == ResolverKind.Cache ? AccountResolverOptions.DefaultLimit : AccountResolverOptions.NoLimit,
            Ttl = kind == ResolverKind.Cache && ttl > TimeSpan.Zero ? ttl : null,
        };
    }

    /// Which keys each type refuses (2.9.10 calls the interval "sync" here).
    private static void CheckOptions(
        ConfEntry entry, ResolverKind kind, (bool AllowDelete, TimeSpan Ttl, TimeSpan Interval, TimeSpan? Timeout) o, ConfDiagnostics diagnostics)
    {
        if (kind == ResolverKind.Cache && o.Interval != TimeSpan.Zero)
        {
            diagnostics.Error(entry.KeyPosition, "CACHE does not accept sync");
        }

        if (kind == ResolverKind.Cache && o.AllowDelete)
        {
            diagnostics.Error(entry.KeyPosition, "CACHE does not accept allow_delete");
        }

        if (kind == ResolverKind.Full && o.Ttl != TimeSpan.Zero)
        {
            diagnostics.Error(entry.KeyPosition, "FULL does not accept ttl");
        }

        // 2.9.10 panics on a negative cache ttl (a negative ticker); this text is Natrium's.
        if (kind == ResolverKind.Cache && o.Ttl < TimeSpan.Zero)
        {
            diagnostics.Error(entry.KeyPosition, "ttl can not be negative");
        }

        if (o.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            // sic: nats-server's spelling.
            diagnostics.Error(entry.KeyPosition, $"Fetch timeout {ConfDuration.Format(timeout)} is too smal");
        }
    }

    /// A Go duration string; nats-server takes no number of seconds here.
    private static TimeSpan? Duration(ConfEntry e, ConfDiagnostics diagnostics)
    {
        if (e.Value is ConfString { Value: var text })
        {
            if (ConfDuration.TryParse(text, out var duration))
            {
                return duration;
            }

            diagnostics.Error(e.Value.Position, $"{e.Key}: invalid duration \"{text}\"");
            return null;
        }

        diagnostics.Error(e.Value.Position, $"{e.Key}: expected a duration, got {e.Value.Kind}");
        return null;
    }

    /// nats-server's test: a directory whose owner lacks the execute bit is not accessible.
    private static bool OwnerMayEnter(string path) =>
        OperatingSystem.IsWindows() || File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute);
}
