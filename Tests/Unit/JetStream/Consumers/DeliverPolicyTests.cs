using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// Starting points, against what 2.9.10 reported for seqs 1–5 = p4.a, p4.b, p4.b, p4.a, p4.c
/// (delivered.stream_seq and num_pending at creation; probe notes in ConsumerStart).
public sealed class DeliverPolicyTests
{
    private static ConsumerHarness Create(ConsumerConfig config) => new(config, static (view, h) =>
    {
        h.Seed("p4.a", "a1");
        h.Seed("p4.b", "b1");
        h.Seed("p4.b", "b2");
        h.Seed("p4.a", "a2");
        h.Seed("p4.c", "c1");
    });

    [Theory]
    [InlineData("All", null, 0UL, 0UL, 5UL)]
    [InlineData("Last", null, 0UL, 4UL, 1UL)]
    [InlineData("Last", "p4.a", 0UL, 3UL, 1UL)]
    [InlineData("New", null, 0UL, 5UL, 0UL)]
    [InlineData("ByStartSequence", null, 3UL, 2UL, 3UL)]
    [InlineData("ByStartSequence", null, 300UL, 5UL, 0UL)]
    [InlineData("LastPerSubject", "p4.>", 0UL, 2UL, 3UL)]
    [InlineData("All", "p4.b", 0UL, 0UL, 2UL)]
    public void Start_policy_setsDeliveredStreamSeqAndNumPending(string policy, string? filter, ulong optStartSeq, ulong deliveredStreamSeq, ulong numPending)
    {
        var h = Create(Configs.Pull() with { DeliverPolicy = Enum.Parse<DeliverPolicy>(policy), FilterSubject = filter, OptStartSeq = optStartSeq });

        var state = h.Engine.State(h.Now);

        Assert.Equal(new SequenceInfoView(0, deliveredStreamSeq), new SequenceInfoView(state.Delivered.ConsumerSeq, state.Delivered.StreamSeq));
        Assert.Equal(numPending, state.NumPending);
        Assert.Equal(0UL, state.AckFloor.StreamSeq);
    }

    [Fact]
    public void Start_byStartTime_beginsAtFirstMessageStoredThen()
    {
        var h = new ConsumerHarness(Configs.Pull(), static (view, h) =>
        {
            view.Add("t.a", "early", 1_000);
            view.Add("t.a", "late", 5_000);
            view.Add("t.a", "later", 9_000);
        });
        var config = Configs.Pull() with { DeliverPolicy = DeliverPolicy.ByStartTime, OptStartTime = DateTimeOffset.UnixEpoch.AddTicks(40) };

        var engine = new Natrium.Grains.Streams.Consumers.ConsumerEngine("S", "t", config, h.View, h.Now);

        Assert.Equal(1UL, engine.State(h.Now).Delivered.StreamSeq);
        Assert.Equal(2UL, engine.State(h.Now).NumPending);
    }

    [Fact]
    public void Start_emptyStreamNeverUsed_startsAtOne()
    {
        var h = new ConsumerHarness(Configs.Pull() with { DeliverPolicy = DeliverPolicy.Last });

        Assert.Equal(0UL, h.Engine.State(h.Now).Delivered.StreamSeq);
        h.Publish("a", "1");
        h.Pull("{\"batch\":1}");
        Assert.Equal(["MSG in.1 a $JS.ACK.S.c.1.1.1." + h.Now + ".0 1"], h.TakeLines());
    }

    [Fact]
    public void Start_purgedStream_startsAfterLast()
    {
        var view = new FakeStreamView();
        view.Add("a", "1", 1);
        view.Add("a", "2", 2);
        view.PurgeBelow(3);

        var h = new ConsumerHarness(Configs.Pull(), view: view);

        Assert.Equal(2UL, h.Engine.State(h.Now).Delivered.StreamSeq);
        Assert.Equal(0UL, h.Engine.State(h.Now).NumPending);
    }

    [Fact]
    public void LastPerSubject_deliversNewestOfEachSubjectThenEverythingNew()
    {
        // Seen on 2.9.10: b2 (3), a2 (4), c1 (5), then b3 and b4 stored after creation, with
        // pending tokens 2,1 after the first pull.
        var h = Create(Configs.Pull(AckPolicy.None) with { DeliverPolicy = DeliverPolicy.LastPerSubject, FilterSubject = "p4.>" });
        h.Publish("p4.b", "b3");
        h.Publish("p4.b", "b4");

        h.Pull("{\"batch\":2}");
        var first = h.TakeMessages();
        h.Pull("{\"batch\":9,\"no_wait\":true}");
        var rest = h.TakeMessages();

        Assert.Equal(["b2", "a2"], first.Select(m => System.Text.Encoding.ASCII.GetString(m.Message.Data.Span)));
        Assert.Equal(["c1", "b3", "b4"], rest.Select(m => System.Text.Encoding.ASCII.GetString(m.Message.Data.Span)));
        Assert.Equal([4UL, 3UL, 2UL, 1UL, 0UL], first.Concat(rest).Select(m => ulong.Parse(m.AckSubject.Split('.')[^1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], first.Concat(rest).Select(m => ulong.Parse(m.AckSubject.Split('.')[6], System.Globalization.CultureInfo.InvariantCulture)));
        var state = h.Engine.State(h.Now);
        Assert.Equal((5UL, 7UL), (state.Delivered.ConsumerSeq, state.Delivered.StreamSeq));
        Assert.Equal((5UL, 7UL), (state.AckFloor.ConsumerSeq, state.AckFloor.StreamSeq));
    }

    [Fact]
    public void Filter_skipsOtherSubjects_andDeliveredStreamSeqReachesLastScanned()
    {
        // Seen on 2.9.10: filter p4.a over 1–5 → messages 1 and 4, then delivered stream_seq 5.
        var h = Create(Configs.Pull() with { FilterSubject = "p4.a" });

        h.Pull("{\"batch\":5,\"no_wait\":true}");
        var messages = h.TakeMessages();

        Assert.Equal([1UL, 4UL], messages.Select(m => m.Message.Sequence));
        Assert.Equal(5UL, h.Engine.State(h.Now).Delivered.StreamSeq);
        Assert.Equal(2UL, h.Engine.State(h.Now).Delivered.ConsumerSeq);
    }

    private readonly record struct SequenceInfoView(ulong ConsumerSeq, ulong StreamSeq);
}
