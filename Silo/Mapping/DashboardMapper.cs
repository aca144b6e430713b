using Natrium.Silo.Conf;
using Natrium.Silo.Monitoring;

namespace Natrium.Silo.Mapping;

/// `dashboard { enabled, username, password }` (Natrium's own block; nats-server has none). At
/// the top level rather than in `orleans`: the embedded single node has a silo to show too, and
/// what serves it is the monitoring listener, a top-level setting.
internal static class DashboardMapper
{
    public static DashboardSettings Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var settings = new DashboardSettings();
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map, got {entry.Value.Kind}");
            return settings;
        }

        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "enabled":
                    settings = settings with { Enabled = ConfReading.Bool(e, diagnostics) };
                    break;
                case "username" or "user":
                    settings = settings with { Username = ConfReading.String(e, diagnostics) };
                    break;
                case "password" or "pass":
                    settings = settings with { Password = ConfReading.String(e, diagnostics) };
                    break;
                default:
                    if (!e.UsedAsVariable)
                    {
                        diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                    }

                    break;
            }
        }

        return settings;
    }
}
