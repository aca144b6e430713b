using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// replay_policy original: stored messages go out as far apart as they were stored, then new
/// ones at once.
public sealed class ReplayTests
{
    private const long Ms = ConsumerHarness.Millisecond;

    [Fact]
    public void ReplayOriginal_spacesStoredMessagesLikeTheirTimestamps()
    {
        var h = new ConsumerHarness(Configs.Push(ack: AckPolicy.None) with { ReplayPolicy = ReplayPolicy.Original }, static (view, h) =>
        {
            view.Add("r", "0", h.Now - 10_000 * Ms);
            view.Add("r", "1", h.Now - 8_000 * Ms);
            view.Add("r", "2", h.Now - 7_500 * Ms);
        });
        var start = h.Now;
        var seen = new List<(long, ulong)>();

        h.Interest(true);
        for (var i = 0; i < 30; i++)
        {
            seen.AddRange(h.TakeMessages().Select(m => (h.Now - start, m.Message.Sequence)));
            h.Advance(100 * Ms);
        }

        Assert.Equal([(0L, 1UL), (2_000 * Ms, 2UL), (2_500 * Ms, 3UL)], seen);
    }

    [Fact]
    public void ReplayOriginal_afterCatchingUp_newMessagesGoAtOnce()
    {
        var h = new ConsumerHarness(Configs.Push(ack: AckPolicy.None) with { ReplayPolicy = ReplayPolicy.Original }, static (view, h) =>
            view.Add("r", "0", h.Now - 10_000 * Ms));
        h.Interest(true);
        h.Take();

        h.Advance(Ms);
        var stored = h.View.Add("r", "late", h.Now + 60_000 * Ms);
        h.Engine.OnStored(stored.Sequence, h.Now, h.Outputs);

        Assert.Single(h.TakeMessages());
    }

    [Fact]
    public void ReplayInstant_ignoresTimestamps()
    {
        var h = new ConsumerHarness(Configs.Push(ack: AckPolicy.None), static (view, h) =>
        {
            view.Add("r", "0", h.Now - 10_000 * Ms);
            view.Add("r", "1", h.Now - 1_000 * Ms);
        });

        h.Interest(true);

        Assert.Equal(2, h.TakeMessages().Count);
    }
}
