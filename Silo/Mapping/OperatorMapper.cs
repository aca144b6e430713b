using Natrium.Contracts.Security;
using Natrium.Silo.Conf;

namespace Natrium.Silo.Mapping;

/// operator / trusted / resolver / resolver_preload (spec/jwt.md §8) into one OperatorConfig.
internal static class OperatorMapper
{
    public static OperatorConfig Apply(OperatorConfig config, ConfEntry entry, ConfDiagnostics diagnostics)
    {
        switch (entry.Key.ToLowerInvariant())
        {
            case "operator" or "operators":
                return config with { Operators = [.. config.Operators, .. Strings(entry, diagnostics)] };
            case "trusted" or "trusted_keys":
                return config with { TrustedKeys = [.. config.TrustedKeys, .. Strings(entry, diagnostics)] };
            case "resolver" or "account_resolver" or "accounts_resolver":
                return Resolver(config, entry, diagnostics);
            case "resolver_preload":
                var preload = new Dictionary<string, string>(StringComparer.Ordinal);
                if (entry.Value is ConfMap map)
                {
                    foreach (var e in map.Entries)
                    {
                        preload[e.Key] = ConfReading.String(e, diagnostics) ?? string.Empty;
                    }
                }
                else
                {
                    diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map of account keys to JWTs");
                }

                return config with { Preload = preload };
            default:
                return config;
        }
    }

    private static OperatorConfig Resolver(OperatorConfig config, ConfEntry entry, ConfDiagnostics diagnostics)
    {
        if (entry.Value is ConfString { Value: var text })
        {
            if (text.Equals("MEMORY", StringComparison.OrdinalIgnoreCase) || text.Equals("MEM", StringComparison.OrdinalIgnoreCase))
            {
                return config with { ResolverType = "MEMORY" };
            }

            if (text.StartsWith("URL(", StringComparison.OrdinalIgnoreCase) && text.EndsWith(')'))
            {
                return config with { ResolverType = "URL", ResolverUrl = text[4..^1].Trim('"') };
            }

            diagnostics.Error(entry.Value.Position, $"resolver: \"{text}\" is not MEMORY, URL(...) or a resolver block");
            return config;
        }

        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a string or a map, got {entry.Value.Kind}");
            return config;
        }

        foreach (var e in map.Entries)
        {
            config = e.Key.ToLowerInvariant() switch
            {
                "type" => config with { ResolverType = ConfReading.String(e, diagnostics)?.ToLowerInvariant() },
                "dir" => config with { ResolverDir = ConfReading.String(e, diagnostics) },
                "allow_delete" => config with { ResolverAllowDelete = ConfReading.Bool(e, diagnostics) ?? false },
                "interval" => config with { ResolverInterval = ConfReading.Duration(e, diagnostics) },
                "ttl" => config with { ResolverTtl = ConfReading.Duration(e, diagnostics) },
                "limit" => config with { ResolverLimit = ConfReading.Int32(e, diagnostics, 0) },
                "timeout" => config,
                _ => Unknown(config, e, diagnostics),
            };
        }

        if (config.ResolverType is not ("full" or "cache"))
        {
            diagnostics.Error(map.Position, "resolver: type must be full or cache");
        }

        return config;
    }

    private static OperatorConfig Unknown(OperatorConfig config, ConfEntry e, ConfDiagnostics diagnostics)
    {
        diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
        return config;
    }

    private static List<string> Strings(ConfEntry entry, ConfDiagnostics diagnostics) =>
        entry.Value is ConfArray a
            ? a.Items.OfType<ConfString>().Select(s => s.Value).ToList()
            : [ConfReading.String(entry, diagnostics) ?? string.Empty];
}
