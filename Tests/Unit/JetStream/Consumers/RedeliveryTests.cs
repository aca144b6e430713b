using System.Globalization;
using System.Text;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Consumers;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// ack_wait, backoff, max_deliver and max_ack_pending.
public sealed class RedeliveryTests
{
    private const long Ms = ConsumerHarness.Millisecond;

    private static ulong Token(DeliverMessage message, int index) => ulong.Parse(message.AckSubject.Split('.')[index], CultureInfo.InvariantCulture);

    [Fact]
    public void AckWait_expired_redeliveredWithNextCountAndNewConsumerSeq()
    {
        var h = new ConsumerHarness(Configs.Pull() with { AckWaitNanos = ConsumerHarness.Second }, static (_, h) => h.Seed("a", "m0"));
        h.Pull("{\"batch\":2,\"expires\":5000000000}");
        var first = Assert.Single(h.TakeMessages());
        Assert.Equal(h.Now + ConsumerHarness.Second, h.Engine.NextDeadline);

        h.Advance(ConsumerHarness.Second);

        var again = Assert.Single(h.TakeMessages());
        Assert.Equal($"$JS.ACK.S.c.2.1.2.{first.Message.TimestampNanos}.0", again.AckSubject);
        var state = h.Engine.State(h.Now);
        Assert.Equal((2UL, 1UL, 1L, 1L), (state.Delivered.ConsumerSeq, state.Delivered.StreamSeq, state.NumAckPending, state.NumRedelivered));
    }

    [Fact]
    public void AckWait_expiredWithoutPull_waitsForTheNextPull()
    {
        var h = new ConsumerHarness(Configs.Pull() with { AckWaitNanos = ConsumerHarness.Second }, static (_, h) => h.Seed("a", "m0"));
        h.Pull("{\"batch\":1}");
        h.Take();
        h.Publish("a", "m1");

        h.Advance(3 * ConsumerHarness.Second);
        Assert.Empty(h.Take());
        h.Pull("{\"batch\":2}");

        Assert.Equal([(1UL, 2UL), (2UL, 1UL)], h.TakeMessages().Select(m => (m.Message.Sequence, Token(m, 4))));
    }

    [Fact]
    public void Backoff_usesStepPerRedeliveryThenRepeatsLast()
    {
        // Seen on 2.9.10 with backoff [0.5 s, 1.5 s]: delivered at 0, again at 0.5 s, 2.0 s.
        var h = new ConsumerHarness(Configs.Pull() with { AckWaitNanos = 500 * Ms, BackoffNanos = [500 * Ms, 1_500 * Ms] }, static (_, h) => h.Seed("a", "m1"));
        var start = h.Now;
        h.Pull("{\"batch\":10,\"expires\":10000000000}");
        var times = new List<(long, ulong)>();
        times.AddRange(h.TakeMessages().Select(m => (h.Now - start, Token(m, 4))));

        for (var i = 0; i < 40; i++)
        {
            h.Advance(100 * Ms);
            times.AddRange(h.TakeMessages().Select(m => (h.Now - start, Token(m, 4))));
        }

        Assert.Equal([(0L, 1UL), (500 * Ms, 2UL), (2_000 * Ms, 3UL), (3_500 * Ms, 4UL)], times);
    }

    [Fact]
    public void MaxDeliver_exceeded_droppedWithAdvisoryWhenItWouldGoOutAgain()
    {
        // Seen on 2.9.10 (max_deliver 2, ack_wait 1 s): delivered, redelivered after 1 s, and at
        // the next expiry MAX_DELIVERIES {"stream_seq":1,"deliveries":2}; ack_floor unchanged.
        var h = new ConsumerHarness(Configs.Pull() with { AckWaitNanos = ConsumerHarness.Second, MaxDeliver = 2 }, static (_, h) =>
        {
            h.Seed("p3.a", "m0");
            h.Seed("p3.a", "m1");
        });
        h.Pull("{\"batch\":2}");
        var first = h.TakeMessages();
        h.Ack(first[1].AckSubject);
        h.Pull("{\"batch\":5,\"expires\":10000000000}");
        h.Advance(ConsumerHarness.Second);
        Assert.Equal([(1UL, 2UL)], h.TakeMessages().Select(m => (m.Message.Sequence, Token(m, 4))));

        h.Advance(ConsumerHarness.Second);

        var outputs = h.Take();
        var advisory = Assert.IsType<PublishAdvisory>(outputs[0]);
        Assert.Equal("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.S.c", advisory.To);
        Assert.Matches("^\\{\"type\":\"io.nats.jetstream.advisory.v1.max_deliver\",\"id\":\"\\w{22}\",\"timestamp\":\"[^\"]+\",\"stream\":\"S\",\"consumer\":\"c\",\"stream_seq\":1,\"deliveries\":2\\}$", Encoding.UTF8.GetString(advisory.Body));
        Assert.Single(outputs);
        var state = h.Engine.State(h.Now);
        Assert.Equal((0L, 1L), (state.NumAckPending, state.NumRedelivered));
        Assert.Equal((0UL, 0UL), (state.AckFloor.ConsumerSeq, state.AckFloor.StreamSeq));
        Assert.True(h.Engine.IsAcked(1));
    }

    [Fact]
    public void MaxDeliver_nakAtLimit_droppedAtNextPull()
    {
        var h = new ConsumerHarness(Configs.Pull() with { MaxDeliver = 1 }, static (_, h) => h.Seed("a", "m0"));
        h.Pull("{\"batch\":1}");
        h.Ack(h.TakeMessages()[0].AckSubject, "-NAK");
        h.Take();

        h.Pull("{\"batch\":1,\"no_wait\":true}");

        var lines = h.TakeLines();
        Assert.Equal("ADVISORY $JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.S.c", lines[0]);
        Assert.Equal(0, h.Engine.NumAckPending);
    }

    [Fact]
    public void MaxAckPending_atLimit_stopsUntilAnAck()
    {
        var h = new ConsumerHarness(Configs.Pull() with { MaxAckPending = 2 }, static (_, h) =>
        {
            for (var i = 0; i < 5; i++)
            {
                h.Seed("a", "m" + i);
            }
        });

        h.Pull("{\"batch\":5,\"expires\":10000000000}");
        var delivered = h.TakeMessages();
        Assert.Equal(2, delivered.Count);
        h.Publish("a", "late");
        Assert.Empty(h.Take());
        h.Ack(delivered[0].AckSubject);

        Assert.Equal([3UL], h.TakeMessages().Select(m => m.Message.Sequence));
        Assert.Equal(2, h.Engine.NumAckPending);
    }

    [Fact]
    public void MaxAckPending_redeliveriesStillFlowAtLimit()
    {
        var h = new ConsumerHarness(Configs.Pull() with { MaxAckPending = 1, AckWaitNanos = ConsumerHarness.Second }, static (_, h) =>
        {
            h.Seed("a", "m0");
            h.Seed("a", "m1");
        });
        h.Pull("{\"batch\":3,\"expires\":10000000000}");
        Assert.Single(h.TakeMessages());

        h.Advance(ConsumerHarness.Second);

        Assert.Equal([(1UL, 2UL)], h.TakeMessages().Select(m => (m.Message.Sequence, Token(m, 4))));
    }

    [Fact]
    public void NakedMessages_goBeforeNewOnes()
    {
        var h = new ConsumerHarness(Configs.Pull(), static (_, h) =>
        {
            h.Seed("a", "m0");
            h.Seed("a", "m1");
            h.Seed("a", "m2");
        });
        h.Pull("{\"batch\":2}");
        var acks = h.TakeMessages().Select(m => m.AckSubject).ToList();
        h.Ack(acks[1], "-NAK");
        h.Ack(acks[0], "-NAK");
        h.Take();

        h.Pull("{\"batch\":3}");

        Assert.Equal([2UL, 1UL, 3UL], h.TakeMessages().Select(m => m.Message.Sequence));
    }

    [Fact]
    public void UpdateConfig_shorterAckWait_appliesToPending()
    {
        var h = new ConsumerHarness(Configs.Pull(), static (_, h) => h.Seed("a"));
        h.Pull("{\"batch\":1}");
        h.Take();

        h.Engine.UpdateConfig(h.Engine.Config with { AckWaitNanos = ConsumerHarness.Second }, h.Now, h.Outputs);

        Assert.Equal(h.Now + ConsumerHarness.Second, h.Engine.NextDeadline);
    }
}
