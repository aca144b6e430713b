namespace Natrium.Silo.Monitoring;

/// The HTTP monitoring listener (nats-server's http/http_port/-m, or https/https_port/-ms).
/// Port null: no listener; 0: any free port (nats-server's -1). Https serves TLS with the `tls`
/// block's certificate, as nats-server does, and never asks for client certificates.
internal sealed record MonitoringOptions
{
    /// Where the listener binds; empty until loading ends, where nats-server's default applies:
    /// the client listener's host (MonitoringOptions.WithDefaultHost).
    public string Host { get; init; } = string.Empty;

    public int? Port { get; init; }

    public bool Https { get; init; }

    /// http_base_path: every endpoint is served under it, as in nats-server ("" = none). Kept as
    /// written for /varz; Prefix is the normalized form ("/nats").
    public string BasePath { get; init; } = string.Empty;

    public string Prefix => BasePath.Trim('/') is { Length: > 0 } trimmed ? "/" + trimmed : string.Empty;

    /// http_auth; null leaves the endpoints open, as nats-server does.
    public HttpAuthSettings? Auth { get; init; }

    public bool Enabled => Port is not null;

    /// nats-server binds the monitor where the client listener binds unless `http` names a host.
    public MonitoringOptions WithDefaultHost(string clientHost) => Host.Length == 0 ? this with { Host = clientHost } : this;
}
