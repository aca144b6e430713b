using Natrium.Silo.Conf;
using Natrium.Silo.Monitoring;

namespace Natrium.Silo.Mapping;

/// `http_auth { username, password, token }` (Natrium's own block; nats-server has none):
/// credentials for the monitoring endpoints.
internal static class HttpAuthMapper
{
    public static HttpAuthSettings Map(ConfEntry entry, ConfDiagnostics diagnostics)
    {
        var settings = new HttpAuthSettings();
        if (entry.Value is not ConfMap map)
        {
            diagnostics.Error(entry.Value.Position, $"{entry.Key}: expected a map, got {entry.Value.Kind}");
            return settings;
        }

        foreach (var e in map.Entries)
        {
            switch (e.Key.ToLowerInvariant())
            {
                case "username" or "user":
                    settings = settings with { Username = ConfReading.String(e, diagnostics) };
                    break;
                case "password" or "pass":
                    settings = settings with { Password = ConfReading.String(e, diagnostics) };
                    break;
                case "token":
                    settings = settings with { Token = ConfReading.String(e, diagnostics) };
                    break;
                default:
                    if (!e.UsedAsVariable)
                    {
                        diagnostics.Error(e.KeyPosition, $"unknown field \"{e.Key}\"");
                    }

                    break;
            }
        }

        if (!string.IsNullOrEmpty(settings.Username) != !string.IsNullOrEmpty(settings.Password))
        {
            diagnostics.Error(entry.KeyPosition, "http_auth: username and password go together");
        }

        if (string.IsNullOrEmpty(settings.Username) && string.IsNullOrEmpty(settings.Password) && !settings.HasToken)
        {
            diagnostics.Error(entry.KeyPosition, "http_auth: needs a username and password, or a token");
        }

        return settings;
    }
}
