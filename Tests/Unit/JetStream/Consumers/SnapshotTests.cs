using Microsoft.Extensions.DependencyInjection;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Consumers;
using Orleans.Serialization;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// Persisted state: what survives a restart and what does not (waiting pulls).
public sealed class SnapshotTests
{
    private static ConsumerHarness Busy(ConsumerConfig config)
    {
        var h = new ConsumerHarness(config, static (_, h) =>
        {
            for (var i = 0; i < 5; i++)
            {
                h.Seed("a", "m" + i);
            }
        });
        h.Pull("{\"batch\":4}");
        var acks = h.TakeMessages().Select(m => m.AckSubject).ToList();
        h.Ack(acks[0]);
        h.Ack(acks[2]);
        h.Ack(acks[1], "-NAK");
        h.Pull("{\"batch\":1}");
        h.Pull("{\"batch\":3,\"expires\":60000000000}", "in.waiting");
        h.Take();
        return h;
    }

    [Fact]
    public void Restore_keepsDeliveredFloorPendingAndRedeliveries_notWaitingPulls()
    {
        var h = Busy(Configs.Pull());
        var before = h.Engine.State(h.Now);
        var snapshot = h.Engine.Snapshot();

        h.Restart(h.Engine.Config, snapshot);

        var after = h.Engine.State(h.Now);
        Assert.Equal(before with { NumWaiting = 0 }, after);
        Assert.Equal((6UL, 5UL), (after.Delivered.ConsumerSeq, after.Delivered.StreamSeq));
        Assert.Equal((1UL, 1UL), (after.AckFloor.ConsumerSeq, after.AckFloor.StreamSeq));
        Assert.Equal((3L, 1L, 0UL), (after.NumAckPending, after.NumRedelivered, after.NumPending));
        Assert.Equal(0, h.Engine.NumWaiting);
    }

    [Fact]
    public void Restore_continuesConsumerSeqAndRedeliversAfterAckWait()
    {
        var h = Busy(Configs.Pull() with { AckWaitNanos = 10 * ConsumerHarness.Second });
        var snapshot = h.Engine.Snapshot();
        h.Advance(4 * ConsumerHarness.Second);
        h.Take();
        h.Restart(h.Engine.Config, snapshot);

        h.Publish("a", "m5");
        h.Pull("{\"batch\":5,\"expires\":60000000000}");
        Assert.Equal(["$JS.ACK.S.c.1.6.7."], h.TakeMessages().Select(m => m.AckSubject[..18]));
        h.Advance(6 * ConsumerHarness.Second);

        // Pending: seq 2 (NAK'd, redelivered once as consumer seq 5), seq 4 and seq 5 (taken
        // by the waiting pull that the restart forgot); m5 is younger.
        Assert.Equal([(2UL, "3"), (4UL, "2"), (5UL, "2")], h.TakeMessages().Select(m => (m.Message.Sequence, m.AckSubject.Split('.')[4])));
    }

    [Fact]
    public void Snapshot_roundTripsThroughOrleansSerializer()
    {
        var h = Busy(Configs.Pull());
        var snapshot = h.Engine.Snapshot();
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<ConsumerSnapshot>(serializer.SerializeToArray(snapshot));

        Assert.NotNull(copy);
        Assert.Equal(snapshot.DeliveredConsumerSeq, copy.DeliveredConsumerSeq);
        Assert.Equal(snapshot.PendingStreamSeqs, copy.PendingStreamSeqs);
        Assert.Equal(snapshot.PendingTimestamps, copy.PendingTimestamps);
        Assert.Equal(snapshot.RedeliveredCounts, copy.RedeliveredCounts);
        Assert.Equal(snapshot.LastAckNanos, copy.LastAckNanos);
    }

    [Fact]
    public void Restore_streamMovedOn_neverGoesBackwards()
    {
        var h = new ConsumerHarness(Configs.Pull(), static (_, h) => h.Seed("a"));
        var snapshot = h.Engine.Snapshot();
        h.View.Add("a", "x", h.Now);
        h.View.Add("a", "x", h.Now);
        h.View.PurgeBelow(3);

        h.Restart(h.Engine.Config, snapshot);

        Assert.Equal(2UL, h.Engine.State(h.Now).Delivered.StreamSeq);
        Assert.Equal(1UL, h.Engine.State(h.Now).NumPending);
    }
}
