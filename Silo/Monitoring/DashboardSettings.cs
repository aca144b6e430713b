namespace Natrium.Silo.Monitoring;

/// The `dashboard { enabled, username, password }` block (Natrium's own): the Orleans dashboard
/// under /dashboard and the grain counts under /grainz, on the monitoring listener, behind HTTP
/// basic auth. Grain keys name tenants, so it is never served without credentials: it is on when
/// a username and password are set, unless `enabled: false`. The password may be a bcrypt hash.
internal sealed record DashboardSettings
{
    public bool? Enabled { get; init; }

    public string? Username { get; init; }

    /// A secret: never logged, redacted from ToString.
    public string? Password { get; init; }

    public bool HasCredentials => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);

    public bool IsOn => Enabled ?? HasCredentials;

    public override string ToString() =>
        $"DashboardSettings {{ Enabled = {Enabled}, Username = {Username}, Password = {(Password is null ? "null" : "[REDACTED]")} }}";
}
