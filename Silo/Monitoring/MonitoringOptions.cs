namespace Natrium.Silo.Monitoring;

/// The HTTP monitoring listener (nats-server's http/http_port/-m, or https/https_port/-ms).
/// Port null: no listener; 0: any free port (nats-server's -1). Https serves TLS with the `tls`
/// block's certificate, as nats-server does, and never asks for client certificates.
internal sealed record MonitoringOptions
{
    public string Host { get; init; } = "0.0.0.0";

    public int? Port { get; init; }

    public bool Https { get; init; }

    /// http_base_path: every endpoint is served under it, as in nats-server ("" = none). Kept as
    /// written for /varz; Prefix is the normalized form ("/nats").
    public string BasePath { get; init; } = string.Empty;

    public string Prefix => BasePath.Trim('/') is { Length: > 0 } trimmed ? "/" + trimmed : string.Empty;

    /// http_auth; null leaves the endpoints open, as nats-server does.
    public HttpAuthSettings? Auth { get; init; }

    public bool Enabled => Port is not null;
}
