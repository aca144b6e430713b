using Natrium.Gateway.Audit;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// `audit_log { file, max_size, max_files }` (Natrium's own block; see AuditLogOptions).
/// max_size takes sizes as logfile_size_limit does (`10MB` = 10485760).
internal static class AuditLogMapper
{
    public static AuditLogOptions? Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map, got {entry.Value.Kind}");
            return null;
        }

        var options = new AuditLogOptions(string.Empty);
        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "file" or "path":
                    options = options with { File = ConfReading.String(e, diagnostics) ?? string.Empty };
                    break;
                case "max_size" or "size_limit":
                    options = options with { MaxSize = ConfReading.Integer(e, diagnostics) ?? options.MaxSize };
                    break;
                case "max_files" or "max_num":
                    options = options with { MaxFiles = ConfReading.Int32(e, diagnostics) ?? options.MaxFiles };
                    break;
                default:
                    if (!e.UsedAsVariable)
                    {
                        diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                    }

                    break;
            }
        }

        foreach (var problem in options.Validate())
        {
            diagnostics.Error(entry.KeyPosition, problem);
        }

        return options;
    }
}
