using Natrium.Silo.Hosting;

namespace Natrium.Silo.Monitoring;

/// What the monitoring listener and the dashboard need once the file and the flags are read
/// (checked at start, at reload and by `natrium -t`): https needs the `tls` certificate, as in
/// nats-server, and the dashboard and http_auth need a listener to be served on (the dashboard
/// credentials too).
internal static class MonitoringRules
{
    public static IEnumerable<string> Validate(ServerOptions options)
    {
        var monitoring = options.Monitoring;
        if (monitoring is { Enabled: true, Https: true } && options.Gateways[0].Tls is not { CertFile.Length: > 0, KeyFile.Length: > 0 })
        {
            yield return "TLS cert and key required for HTTPS";
        }

        if (monitoring.Auth is not null && !monitoring.Enabled)
        {
            yield return "http_auth: needs the monitoring listener (http, https, http_port, https_port, -m or -ms)";
        }

        var dashboard = options.Dashboard;
        if (!dashboard.IsOn)
        {
            yield break;
        }

        if (!dashboard.HasCredentials)
        {
            yield return "dashboard: username and password are required (the dashboard names every tenant's grains)";
        }

        if (!monitoring.Enabled)
        {
            yield return "dashboard: needs the monitoring listener (http, https, http_port, https_port, -m or -ms)";
        }
    }
}
