namespace Natrium.Silo.Monitoring;

/// The HTTP monitoring listener (nats-server's http/http_port, -m). Port null: no listener;
/// 0: any free port (nats-server's -1).
internal sealed record MonitoringOptions
{
    public string Host { get; init; } = "0.0.0.0";

    public int? Port { get; init; }

    public bool Enabled => Port is not null;
}
