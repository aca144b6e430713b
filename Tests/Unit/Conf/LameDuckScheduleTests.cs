using Natrium.Silo.LameDuck;

namespace Natrium.Tests.Unit.Conf;

/// How the closing of clients is spread, as nats-server 2.9.10's lameDuckMode computes it.
public sealed class LameDuckScheduleTests
{
    private static LameDuckOptions Timing(double durationSeconds, double graceSeconds) =>
        new() { Duration = TimeSpan.FromSeconds(durationSeconds), GracePeriod = TimeSpan.FromSeconds(graceSeconds) };

    [Theory]
    // 6 clients over 30 s − 3 s: 4.5 s each, capped at 1 s (the spec's measured 3.0–6.2 s of closes).
    [InlineData(30, 3, 6, 1000, 1)]
    // The defaults with 1000 clients: 110 s / 1000.
    [InlineData(120, 10, 1000, 110, 1)]
    // 200,000 clients over 110 s: 0.55 ms each is below what a timer waits for, so 4 per 2 ms.
    [InlineData(120, 10, 200_000, 2, 4)]
    // No time left after the grace period: spread over 1 s, as nats-server.
    [InlineData(3, 3, 4, 250, 1)]
    public void Interval_and_batch_follow_nats_server(double duration, double grace, int clients, double intervalMs, int batch)
    {
        var schedule = LameDuckSchedule.For(Timing(duration, grace), clients);
        Assert.Equal((TimeSpan.FromMilliseconds(intervalMs), batch), (schedule.Interval, schedule.Batch));
    }

    [Fact]
    public void Each_wait_is_between_half_the_interval_and_the_interval()
    {
        var schedule = LameDuckSchedule.For(Timing(30, 3), 6);
        var random = new Random(7);
        var waits = Enumerable.Range(0, 1000).Select(_ => schedule.NextWait(random)).ToList();
        Assert.All(waits, w => Assert.InRange(w, schedule.Interval / 2, schedule.Interval - TimeSpan.FromTicks(1)));
        Assert.True(waits.Max() - waits.Min() > schedule.Interval / 4, "the waits are spread, not one value");
    }
}
