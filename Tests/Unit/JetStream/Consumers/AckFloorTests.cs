using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Consumers;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// ack_floor moves (spec/jetstream.md §4.3) and what interest retention reads from it.
public sealed class AckFloorTests
{
    private static (ConsumerHarness H, List<string> Acks) Pulled(int count, ConsumerConfig config, string? filter = null, int? batch = null)
    {
        var h = new ConsumerHarness(config with { FilterSubject = filter }, (_, h) =>
        {
            for (var i = 0; i < count; i++)
            {
                h.Seed(i % 2 == 0 ? "p.a" : "p.b", "m" + i);
            }
        });
        h.Pull("{\"batch\":" + (batch ?? count) + "}");
        return (h, h.TakeMessages().Select(m => m.AckSubject).ToList());
    }

    private static (ulong, ulong) Floor(ConsumerHarness h) => (h.Engine.State(h.Now).AckFloor.ConsumerSeq, h.Engine.State(h.Now).AckFloor.StreamSeq);

    [Fact]
    public void Explicit_ack3Then1Then2_floorMoves0To1To3()
    {
        // Seen on 2.9.10: ack_floor 0/0, then 1/1, then 3/3; num_ack_pending 2, 1, 0.
        var (h, acks) = Pulled(3, Configs.Pull());
        var floors = new List<(ulong, ulong)>();

        foreach (var i in new[] { 2, 0, 1 })
        {
            h.Ack(acks[i]);
            floors.Add(Floor(h));
        }

        Assert.Equal([(0UL, 0UL), (1UL, 1UL), (3UL, 3UL)], floors);
    }

    [Fact]
    public void Explicit_ackFirstOfFour_floorStopsBelowNextPending()
    {
        var (h, acks) = Pulled(4, Configs.Pull());
        h.Ack(acks[2]);

        h.Ack(acks[0]);
        Assert.Equal((1UL, 1UL), Floor(h));
        h.Ack(acks[1]);

        Assert.Equal((3UL, 3UL), Floor(h));
    }

    [Fact]
    public void Explicit_filtered_floorStreamSeqSitsBelowNextPendingStreamSeq()
    {
        var (h, acks) = Pulled(6, Configs.Pull(), "p.a");

        h.Ack(acks[0]);

        // Delivered 1, 3, 5; with 1 acked the floor is consumer 1, stream 2 (just below 3).
        Assert.Equal((1UL, 2UL), Floor(h));
    }

    [Fact]
    public void Explicit_everythingAcked_floorIsDeliveredIncludingSkippedTail()
    {
        var (h, acks) = Pulled(6, Configs.Pull(), "p.a");

        foreach (var ack in acks)
        {
            h.Ack(ack);
        }

        Assert.Equal((3UL, 6UL), Floor(h));
    }

    [Fact]
    public void Explicit_redeliveredFirst_floorUsesFirstDeliveryConsumerSeq()
    {
        var (h, acks) = Pulled(2, Configs.Pull());
        h.Ack(acks[0], "-NAK");
        h.Pull("{\"batch\":1}");
        var redelivered = h.TakeMessages()[0].AckSubject;

        h.Ack(acks[1]);
        Assert.Equal((0UL, 0UL), Floor(h));
        h.Ack(redelivered);

        Assert.Equal((3UL, 2UL), Floor(h));
    }

    [Fact]
    public void Explicit_afterMaxDeliverDrop_floorStaysUntilNothingPending()
    {
        // Seen on 2.9.10 (max_deliver 1): 1–3 pulled, 1 NAK'd and dropped at the next pull,
        // which took 4; acking 2 left ack_floor 0/0 with 2 pending.
        var (h, acks) = Pulled(4, Configs.Pull() with { MaxDeliver = 1 }, batch: 3);
        h.Ack(acks[0], "-NAK");
        h.Pull("{\"batch\":1}");
        var fourth = h.TakeMessages().Single().AckSubject;

        h.Ack(acks[1]);
        Assert.Equal((0UL, 0UL), Floor(h));
        Assert.Equal(2L, h.Engine.State(h.Now).NumAckPending);
        h.Ack(acks[2]);
        h.Ack(fourth);

        Assert.Equal((4UL, 4UL), Floor(h));
    }

    [Fact]
    public void IsAcked_explicitBeforeStart_needsNoAck()
    {
        var h = new ConsumerHarness(Configs.Pull() with { DeliverPolicy = DeliverPolicy.New }, static (_, h) => h.Seed("a"));
        h.Publish("a");

        Assert.True(h.Engine.IsAcked(1));
        Assert.False(h.Engine.IsAcked(2));
    }

    [Fact]
    public void TrackAcks_reportsAckedRanges()
    {
        var (h, acks) = Pulled(4, Configs.Pull(AckPolicy.All));
        h.Engine.TrackAcks = true;

        h.Ack(acks[1]);
        h.Ack(acks[3]);
        var ranges = new List<SequenceRange>();
        h.Engine.DrainAcked(ranges);

        Assert.Equal([new SequenceRange(1, 2), new SequenceRange(3, 4)], ranges);
        ranges.Clear();
        h.Engine.DrainAcked(ranges);
        Assert.Empty(ranges);
    }

    [Fact]
    public void TrackAcks_maxDeliverDrop_isNoAck_butALateAckIs()
    {
        // Seen on 2.9.10: a workqueue message dropped for max_deliver stays stored until an ack
        // for it arrives, which then removes it.
        var (h, acks) = Pulled(1, Configs.Pull() with { MaxDeliver = 1 });
        h.Engine.TrackAcks = true;
        h.Ack(acks[0], "-NAK");
        h.Pull("{\"batch\":1,\"no_wait\":true}");
        var ranges = new List<SequenceRange>();
        h.Engine.DrainAcked(ranges);
        Assert.Empty(ranges);

        h.Ack(acks[0]);
        h.Engine.DrainAcked(ranges);
        Assert.Equal([new SequenceRange(1, 1)], ranges);
    }

    [Fact]
    public void TrackAcks_ackNone_reportsEachDelivery()
    {
        var h = new ConsumerHarness(Configs.Pull(AckPolicy.None));
        h.Engine.TrackAcks = true;
        h.Pull("{\"batch\":5}");

        h.Publish("a");
        h.Publish("a");
        var ranges = new List<SequenceRange>();
        h.Engine.DrainAcked(ranges);

        Assert.Equal([new SequenceRange(1, 1), new SequenceRange(2, 2)], ranges);
    }
}
