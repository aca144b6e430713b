using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// Messages stored, removed and purged under a consumer.
public sealed class StreamChangeTests
{
    private static ConsumerHarness Seeded(ConsumerConfig config, params string[] subjects) => new(config, (_, h) =>
    {
        foreach (var subject in subjects)
        {
            h.Seed(subject);
        }
    });

    private static void Remove(ConsumerHarness h, ulong seq, bool withSubject = true)
    {
        var subject = h.View.Load(seq)!.Subject;
        h.View.Remove(seq);
        h.Engine.OnRemoved(seq, withSubject ? subject : null);
    }

    [Fact]
    public void OnRemoved_pendingMessage_leavesPendingAndFloorFollows()
    {
        // Seen on 2.9.10: deleting pending seq 2 while seq 1 was pending left ack_floor 0/0 and
        // num_ack_pending one lower.
        var h = Seeded(Configs.Pull(), "a", "a", "a");
        h.Pull("{\"batch\":3}");
        h.Take();

        Remove(h, 2);
        var middle = h.Engine.State(h.Now);
        Remove(h, 1);
        var first = h.Engine.State(h.Now);

        Assert.Equal((2L, 0UL), (middle.NumAckPending, middle.AckFloor.StreamSeq));
        Assert.Equal((1L, 2UL, 2UL), (first.NumAckPending, first.AckFloor.ConsumerSeq, first.AckFloor.StreamSeq));
    }

    [Fact]
    public void OnRemoved_queuedForRedelivery_isNotRedelivered()
    {
        var h = Seeded(Configs.Pull(), "a", "a");
        h.Pull("{\"batch\":1}");
        h.Ack(h.TakeMessages()[0].AckSubject, "-NAK");
        h.Take();

        Remove(h, 1);
        h.Pull("{\"batch\":5,\"no_wait\":true}");

        Assert.Equal([2UL], h.TakeMessages().Select(m => m.Message.Sequence));
        Assert.Equal(0L, h.Engine.State(h.Now).NumRedelivered);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OnRemoved_undelivered_numPendingDrops(bool withSubject)
    {
        var h = Seeded(Configs.Pull() with { FilterSubject = "a" }, "a", "b", "a", "a");
        h.Pull("{\"batch\":1}");
        h.Take();

        Remove(h, 3, withSubject);
        Remove(h, 2, withSubject);
        h.Pull("{\"batch\":1}");

        var message = Assert.Single(h.TakeMessages());
        Assert.Equal(4UL, message.Message.Sequence);
        Assert.EndsWith(".0", message.AckSubject, StringComparison.Ordinal);
        Assert.Equal(0UL, h.Engine.State(h.Now).NumPending);
    }

    [Fact]
    public void OnRemoved_lastPerSubjectEntry_skippedAndUncounted()
    {
        var h = Seeded(Configs.Pull(AckPolicy.None) with { DeliverPolicy = DeliverPolicy.LastPerSubject }, "k.a", "k.b", "k.c");

        Remove(h, 2);
        h.Pull("{\"batch\":5,\"no_wait\":true}");

        var messages = h.TakeMessages();
        Assert.Equal([1UL, 3UL], messages.Select(m => m.Message.Sequence));
        Assert.Equal(["1", "0"], messages.Select(m => m.AckSubject.Split('.')[^1]));
    }

    [Fact]
    public void OnStored_filtered_countsOnlyMatches()
    {
        var h = new ConsumerHarness(Configs.Pull() with { FilterSubject = "orders.*" });

        h.Publish("orders.new");
        h.Publish("payments.new");
        h.Engine.OnStored(h.View.Add("orders.x", "x", h.Now).Sequence, h.Now, h.Outputs, "orders.x");
        h.Engine.OnStored(h.View.Add("audit", "x", h.Now).Sequence, h.Now, h.Outputs, "audit");

        Assert.Equal(2UL, h.Engine.State(h.Now).NumPending);
        Assert.True(h.Engine.FilterMatches("orders.y"));
        Assert.False(h.Engine.FilterMatches("orders.y.z"));
    }

    [Fact]
    public void OnPurged_all_floorToDeliveredAndPendingForgotten()
    {
        // Seen on 2.9.10: delivered 9/6 with pending, PURGE → ack_floor 9/6, num_ack_pending 0.
        var h = Seeded(Configs.Pull(), "a", "a", "a", "a");
        h.Pull("{\"batch\":3}");
        var acks = h.TakeMessages().Select(m => m.AckSubject).ToList();
        h.Ack(acks[0], "-NAK");
        h.Pull("{\"batch\":1}");
        h.Take();

        h.Engine.OnPurged(h.View.PurgeBelow(ulong.MaxValue));

        var state = h.Engine.State(h.Now);
        Assert.Equal((4UL, 4UL), (state.AckFloor.ConsumerSeq, state.AckFloor.StreamSeq));
        Assert.Equal((4UL, 4UL), (state.Delivered.ConsumerSeq, state.Delivered.StreamSeq));
        Assert.Equal((0L, 0L, 0UL), (state.NumAckPending, state.NumRedelivered, state.NumPending));
        h.Publish("a");
        h.Pull("{\"batch\":1}");
        Assert.StartsWith("$JS.ACK.S.c.1.5.5.", Assert.Single(h.TakeMessages()).AckSubject, StringComparison.Ordinal);
    }

    [Fact]
    public void OnPurged_belowSequence_keepsLaterPending()
    {
        var h = Seeded(Configs.Pull(), "a", "a", "a", "a");
        h.Pull("{\"batch\":3}");
        h.Take();

        h.Engine.OnPurged(h.View.PurgeBelow(3));

        var state = h.Engine.State(h.Now);
        Assert.Equal(1L, state.NumAckPending);
        Assert.Equal((2UL, 2UL), (state.AckFloor.ConsumerSeq, state.AckFloor.StreamSeq));
        Assert.Equal(1UL, state.NumPending);
    }

    [Fact]
    public void OnStored_afterDeliveryAlreadyTookIt_countsNothingTwice()
    {
        var h = new ConsumerHarness(Configs.Pull());
        h.Publish("a");
        Assert.Equal(1UL, h.Engine.State(h.Now).NumPending);
        var unannounced = h.View.Add("a", "x", h.Now);

        h.Pull("{\"batch\":5,\"no_wait\":true}");
        h.Engine.OnStored(unannounced.Sequence, h.Now, h.Outputs);

        Assert.Equal(["0", "0"], h.TakeMessages().Select(m => m.AckSubject.Split('.')[^1]));
        Assert.Equal(0UL, h.Engine.State(h.Now).NumPending);
        h.Publish("a");
        Assert.Equal(1UL, h.Engine.State(h.Now).NumPending);
    }
}
