using Natrium.Silo.Conf;

namespace Natrium.Silo.LameDuck;

/// lame_duck_duration and lame_duck_grace_period (spec/monitoring_cluster.md §12, config.md §2):
/// how long a node in lame duck mode spreads the closing of its clients, and how long it waits
/// before the first close. nats-server's defaults and limits.
internal sealed record LameDuckOptions
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(10);

    /// Enforced on the config key, as nats-server does; only Natrium's own tests go below it
    /// (Cli/TestFlags).
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(30);

    public TimeSpan Duration { get; init; } = DefaultDuration;

    public TimeSpan GracePeriod { get; init; } = DefaultGracePeriod;

    /// nats-server checks this when the server starts; Natrium also under `-t`.
    public IEnumerable<string> Validate()
    {
        if (GracePeriod >= Duration)
        {
            yield return $"lame duck grace period ({ConfDuration.Format(GracePeriod)}) should be strictly lower than lame duck duration ({ConfDuration.Format(Duration)})";
        }
    }
}
