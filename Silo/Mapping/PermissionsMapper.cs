using Natrium.Contracts.Security;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// `permissions { publish, subscribe, allow_responses }` (spec/authorization.md §2).
internal static class PermissionsMapper
{
    public static PermissionsConfig? Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map, got {entry.Value.Kind}");
            return null;
        }

        SubjectPermission? publish = null, subscribe = null;
        ResponsePermission? responses = null;
        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "publish" or "pub" or "import":
                    publish = Direction(e, diagnostics);
                    break;
                case "subscribe" or "sub" or "export":
                    subscribe = Direction(e, diagnostics);
                    break;
                case "allow_responses" or "publish_allow_responses":
                    responses = Responses(e, diagnostics);
                    break;
                default:
                    if (!e.UsedAsVariable)
                    {
                        diagnostics.Error(e.KeyPosition, $"Unknown field \"{e.Key}\" parsing permissions");
                    }

                    break;
            }
        }

        return new PermissionsConfig(publish, subscribe, responses);
    }

    /// A string or array is an allow list; a map has allow and/or deny. An empty allow list
    /// from a file means "no restriction" (spec/authorization.md §3), so it maps to null.
    private static SubjectPermission? Direction(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is ConfMap map)
        {
            IReadOnlyList<string>? allow = null, deny = null;
            foreach (var e in map.Entries)
            {
                switch (e.Key.ToLowerInvariant())
                {
                    case "allow":
                        allow = Subjects(e, diagnostics);
                        break;
                    case "deny":
                        deny = Subjects(e, diagnostics);
                        break;
                    default:
                        diagnostics.Error(e.KeyPosition, $"Unknown field \"{e.Key}\" parsing permissions");
                        break;
                }
            }

            return new SubjectPermission(NullIfEmpty(allow), NullIfEmpty(deny));
        }

        return new SubjectPermission(NullIfEmpty(Subjects(entry, diagnostics)), null);
    }

    private static IReadOnlyList<string>? Subjects(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        switch (entry.Value)
        {
            case ConfString s:
                return [s.Value];
            case ConfArray a:
                var list = new List<string>();
                foreach (var item in a.Items)
                {
                    if (item is ConfString text)
                    {
                        list.Add(text.Value);
                    }
                    else
                    {
                        diagnostics.Error(item.Position, $"{entry.Key}: expected a subject string, got {item.Kind}");
                    }
                }

                return list;
            default:
                diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a subject or an array of subjects, got {entry.Value.Kind}");
                return null;
        }
    }

    /// true → defaults (1 message, 2 minutes); false → none; a map sets max and expires.
    private static ResponsePermission? Responses(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is ConfBool b)
        {
            return b.Value ? ResponsePermission.Default : null;
        }

        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a boolean or a map, got {entry.Value.Kind}");
            return null;
        }

        var max = ResponsePermission.DefaultMaxMessages;
        var expires = ResponsePermission.DefaultExpires;
        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "max" or "max_msgs" or "max_messages" or "max_responses":
                    var m = ConfReading.Int32(e, diagnostics) ?? max;
                    max = m == 0 ? ResponsePermission.DefaultMaxMessages : m;
                    break;
                case "expires" or "expiration" or "ttl":
                    var d = ConfReading.Duration(e, diagnostics) ?? expires;
                    expires = d == TimeSpan.Zero ? ResponsePermission.DefaultExpires : d;
                    break;
                default:
                    diagnostics.Error(e.KeyPosition, $"Unknown field \"{e.Key}\" parsing permissions");
                    break;
            }
        }

        return new ResponsePermission(max, expires);
    }

    private static IReadOnlyList<string>? NullIfEmpty(IReadOnlyList<string>? list) => list is { Count: > 0 } ? list : null;
}
