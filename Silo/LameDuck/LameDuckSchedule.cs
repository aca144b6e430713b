namespace Natrium.Silo.LameDuck;

/// How a node in lame duck mode spreads the closing of its clients, as nats-server 2.9.10 does
/// (server.go lameDuckMode): over duration − grace period (1 s if that is not positive), one
/// client per interval of that time / clients, capped at 1 s; each wait is random in
/// [interval/2, interval). Where nats-server batches below 1 ns, Natrium batches below the
/// 2 ms a .NET timer can still wait for.
internal readonly record struct LameDuckSchedule(TimeSpan Interval, int Batch)
{
    public static readonly TimeSpan MaximumInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(2);

    public static LameDuckSchedule For(LameDuckOptions options, int clients)
    {
        var spread = options.Duration - options.GracePeriod;
        if (spread <= TimeSpan.Zero)
        {
            spread = TimeSpan.FromSeconds(1);
        }

        var interval = spread / Math.Max(clients, 1);
        if (interval > MaximumInterval)
        {
            return new LameDuckSchedule(MaximumInterval, 1);
        }

        if (interval < MinimumInterval)
        {
            var gaps = Math.Max(1, spread.Ticks / MinimumInterval.Ticks);
            return new LameDuckSchedule(MinimumInterval, (int)Math.Ceiling(clients / (double)gaps));
        }

        return new LameDuckSchedule(interval, 1);
    }

    /// The wait after one batch: random in [Interval/2, Interval).
    public TimeSpan NextWait(Random random) => TimeSpan.FromTicks(random.NextInt64(Interval.Ticks / 2, Interval.Ticks));
}
