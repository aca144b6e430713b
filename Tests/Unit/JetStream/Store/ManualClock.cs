namespace Natrium.Tests.Unit.JetStream.Store;

/// A TimeProvider whose wall clock moves only when a test says so (expiry without sleeping).
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 12, 2, 14, 0, 0, TimeSpan.Zero);

    public long NowNanos => (_now.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
