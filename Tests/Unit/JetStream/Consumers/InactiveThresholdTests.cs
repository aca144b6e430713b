namespace Natrium.Tests.Unit.JetStream.Consumers;

/// inactive_threshold: when the stream grain should delete a consumer nobody uses.
public sealed class InactiveThresholdTests
{
    private const long Second = ConsumerHarness.Second;

    [Fact]
    public void Pull_neverPulled_inactiveAfterThreshold()
    {
        var h = new ConsumerHarness(Configs.Pull() with { DurableName = null, InactiveThresholdNanos = 5 * Second });
        var created = h.Now;

        Assert.Equal(created + 5 * Second, h.Engine.NextDeadline);
        Assert.False(h.Engine.IsInactive(created + 5 * Second - 1));
        Assert.True(h.Engine.IsInactive(created + 5 * Second));
    }

    [Fact]
    public void Pull_waitingRequest_keepsItAliveUntilExpiryThenCountsFromLastActivity()
    {
        var h = new ConsumerHarness(Configs.Pull() with { InactiveThresholdNanos = 5 * Second });
        h.Advance(2 * Second);
        h.Pull("{\"batch\":1,\"expires\":30000000000}");
        var pulledAt = h.Now;

        Assert.False(h.Engine.IsInactive(pulledAt + 10 * Second));
        h.Advance(30 * Second);
        h.Take();

        Assert.True(h.Engine.IsInactive(h.Now));
        Assert.True(h.Engine.IsInactive(pulledAt + 30 * Second));
    }

    [Fact]
    public void Pull_ackActivity_resetsTheCountdown()
    {
        var h = new ConsumerHarness(Configs.Pull() with { InactiveThresholdNanos = 5 * Second }, static (_, h) => h.Seed("a"));
        h.Pull("{\"batch\":1}");
        var ack = h.TakeMessages()[0].AckSubject;
        h.Advance(4 * Second);

        h.Ack(ack);

        Assert.False(h.Engine.IsInactive(h.Now + 4 * Second));
        Assert.True(h.Engine.IsInactive(h.Now + 5 * Second));
    }

    [Fact]
    public void Push_interest_neverInactive_lostInterestCountsFromThen()
    {
        var h = new ConsumerHarness(Configs.Push() with { InactiveThresholdNanos = 5 * Second });
        h.Interest(true);
        Assert.False(h.Engine.IsInactive(h.Now + 60 * Second));
        h.Advance(10 * Second);

        h.Interest(false);

        Assert.Equal(h.Now + 5 * Second, h.Engine.NextDeadline);
        Assert.False(h.Engine.IsInactive(h.Now + 5 * Second - 1));
        Assert.True(h.Engine.IsInactive(h.Now + 5 * Second));
    }

    [Fact]
    public void NoThreshold_neverInactive()
    {
        var h = new ConsumerHarness(Configs.Pull());

        Assert.False(h.Engine.IsInactive(long.MaxValue - 1));
        Assert.Equal(long.MaxValue, h.Engine.NextDeadline);
    }
}
