using Microsoft.Extensions.Logging.Abstractions;
using Natrium.Gateway.Tls;

namespace Natrium.Tests.Unit.Tls;

public sealed class TlsHandshakeRateLimiterTests
{
    [Fact]
    public void Admits_limit_handshakes_per_window_then_rejects_until_the_window_ends()
    {
        var clock = new ManualClock();
        var limiter = new TlsHandshakeRateLimiter(3, NullLogger.Instance, clock);

        Assert.Equal([true, true, true, false, false], Enumerable.Range(0, 5).Select(_ => limiter.TryAdmit()));

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(limiter.TryAdmit());

        clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal([true, true, true, false], Enumerable.Range(0, 4).Select(_ => limiter.TryAdmit()));
    }

    [Fact]
    public void A_window_opens_with_the_first_attempt_after_a_quiet_spell()
    {
        var clock = new ManualClock();
        var limiter = new TlsHandshakeRateLimiter(1, NullLogger.Instance, clock);
        Assert.True(limiter.TryAdmit());
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.TryAdmit());
        Assert.False(limiter.TryAdmit());
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => 1_000_000;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += (long)(by.TotalSeconds * TimestampFrequency);
    }
}
