using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// `server_tags: ["az:1", "b"]` (or one string): the tags /varz and the `$SYS` server object
/// show and `$SYS.REQ.SERVER` tag filters match. As nats-server 2.9.10 (its jwt TagList), each
/// is trimmed and lowercased, empty ones and repeats are dropped.
internal static class ServerTagsMapper
{
    public static IReadOnlyList<string> Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        IEnumerable<ConfValue> items = entry.Value is ConfArray array ? array.Items : [entry.Value];
        var tags = new List<string>();
        foreach (var item in items)
        {
            if (item is not ConfString text)
            {
                diagnostics.Error(item.Position, $"error parsing tags: unsupported type {ConfReading.GoType(item)}");
                continue;
            }

            if (Normalize(text.Value) is { Length: > 0 } tag && !tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }

    /// A tag as nats-server keeps and compares it.
    public static string Normalize(string tag) => tag.Trim().ToLowerInvariant();
}
