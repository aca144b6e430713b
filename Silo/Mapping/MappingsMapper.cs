using System.Globalization;
using Natrium.Contracts.Accounts;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// `mappings { source: destination }` or weighted lists (spec/accounts.md §6).
internal static class MappingsMapper
{
    public static List<SubjectMapping> Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var mappings = new List<SubjectMapping>();
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map, got {entry.Value.Kind}");
            return mappings;
        }

        foreach (var e in map.Entries)
        {
            switch (e.Value)
            {
                case ConfString destination:
                    mappings.Add(new SubjectMapping(e.Key, [new MappingDestination(destination.Value, 100, null)]));
                    break;
                case ConfArray weighted:
                    mappings.Add(new SubjectMapping(e.Key, Weighted(weighted, diagnostics)));
                    break;
                default:
                    diagnostics.Error(e.Value.Position, $"mapping \"{e.Key}\": expected a subject or a list of weighted destinations");
                    break;
            }
        }

        return mappings;
    }

    private static List<MappingDestination> Weighted(ConfArray list, ConfDiagnostics diagnostics)
    {
        var destinations = new List<MappingDestination>();
        foreach (var item in list.Items.OfType<ConfMap>())
        {
            var subject = item.Find("destination") is { } d ? ConfReading.String(d, diagnostics) : null;
            var weight = item.Find("weight") is { } w ? Weight(w, diagnostics) : 100;
            var cluster = item.Find("cluster") is { } c ? ConfReading.String(c, diagnostics) : null;
            if (subject is null || weight is < 0 or > 100)
            {
                diagnostics.Error(item.Position, "weighted mapping: needs a destination and a weight from 0 to 100");
                continue;
            }

            destinations.Add(new MappingDestination(subject, weight, cluster));
        }

        if (destinations.Where(d => d.Cluster is null).Sum(d => d.Weight) > 100)
        {
            diagnostics.Error(list.Position, "weighted mapping: the weights add up to more than 100");
        }

        return destinations;
    }

    /// 80, or "80%".
    private static int Weight(ConfEntry entry, ConfDiagnostics diagnostics) => entry.Value switch
    {
        ConfInteger i => (int)i.Value,
        ConfString s when int.TryParse(s.Value.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var w) => w,
        _ => -1,
    };
}
