namespace Natrium.Silo.Monitoring;

/// `http_auth { username, password, token }` (Natrium's own; nats-server 2.9.10 has no
/// authentication on its monitoring port, spec/monitoring_cluster.md §9): when set, every
/// monitoring endpoint and /metrics needs HTTP basic credentials or `Authorization: Bearer
/// <token>`. The dashboard keeps its own login. The password may be a bcrypt hash.
internal sealed record HttpAuthSettings
{
    public string? Username { get; init; }

    /// A secret: never logged, redacted from ToString.
    public string? Password { get; init; }

    /// A secret: never logged, redacted from ToString.
    public string? Token { get; init; }

    public bool HasBasic => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);

    public bool HasToken => !string.IsNullOrEmpty(Token);

    public bool IsOn => HasBasic || HasToken;

    public override string ToString() =>
        $"HttpAuthSettings {{ Username = {Username}, Password = {(Password is null ? "null" : "[REDACTED]")}, Token = {(Token is null ? "null" : "[REDACTED]")} }}";
}
