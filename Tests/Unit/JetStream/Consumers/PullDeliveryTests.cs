using System.Globalization;
using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// How pulled messages are shaped and shared between waiting pulls.
public sealed class PullDeliveryTests
{
    [Fact]
    public void Pull_deliversWithV1AckSubject_pendingCountsDown()
    {
        // Seen on 2.9.10: $JS.ACK.P2.c1.1.1.1.<ts>.2, ….1.2.2.<ts>.1, ….1.3.3.<ts>.0.
        var h = new ConsumerHarness(Configs.Pull(), static (_, h) =>
        {
            h.Seed("p2.a", "m0");
            h.Seed("p2.a", "m1");
            h.Seed("p2.a", "m2");
        });

        h.Pull("{\"batch\":3}", "in.1");

        var ts = h.Now.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(
        [
            $"MSG in.1 p2.a $JS.ACK.S.c.1.1.1.{ts}.2 m0",
            $"MSG in.1 p2.a $JS.ACK.S.c.1.2.2.{ts}.1 m1",
            $"MSG in.1 p2.a $JS.ACK.S.c.1.3.3.{ts}.0 m2",
        ], h.TakeLines());
        var state = h.Engine.State(h.Now);
        Assert.Equal((3UL, 3UL, 3L, 0UL), (state.Delivered.ConsumerSeq, state.Delivered.StreamSeq, state.NumAckPending, state.NumPending));
        Assert.Equal(h.Now, state.Delivered.LastActiveNanos);
        Assert.Null(state.AckFloor.LastActiveNanos);
    }

    [Fact]
    public void WaitingPulls_shareMessagesRoundRobin()
    {
        // Seen on 2.9.10: batches 2, 1 and 5 queued, then 4 messages: m0→first, m1→second,
        // m2→third, x→first.
        var h = new ConsumerHarness(Configs.Pull());
        h.Pull("{\"batch\":2,\"expires\":9000000000}", "in.1");
        h.Pull("{\"batch\":1,\"expires\":9000000000}", "in.3b");
        h.Pull("{\"batch\":5,\"expires\":9000000000}", "in.5");

        foreach (var data in new[] { "m0", "m1", "m2", "x" })
        {
            h.Publish("p1.a", data);
        }

        Assert.Equal(["in.1", "in.3b", "in.5", "in.1"], h.TakeMessages().Select(m => m.To));
        Assert.Equal(1, h.Engine.NumWaiting);
        Assert.Equal(1, h.Engine.State(h.Now).NumWaiting);
    }

    [Fact]
    public void Pull_emptyBody_isBatchOfOneWithoutExpiry()
    {
        var h = new ConsumerHarness(Configs.Pull());

        h.Pull("");
        Assert.Equal(1, h.Engine.NumWaiting);
        Assert.Equal(long.MaxValue, h.Engine.NextDeadline);
        h.Publish("a");
        h.Publish("a");

        Assert.Single(h.TakeMessages());
        Assert.Equal(0, h.Engine.NumWaiting);
    }

    [Fact]
    public void Pull_batchZero_actsAsOne()
    {
        var h = new ConsumerHarness(Configs.Pull());
        h.Publish("a");
        h.Publish("a");

        h.Pull("{\"batch\":0}");

        Assert.Single(h.TakeMessages());
        Assert.Equal(0, h.Engine.NumWaiting);
    }

    [Fact]
    public void Pull_bareInteger_isTheBatch()
    {
        var h = new ConsumerHarness(Configs.Pull(), static (_, h) =>
        {
            for (var i = 0; i < 5; i++)
            {
                h.Seed("a");
            }
        });

        h.Pull("3");

        Assert.Equal(3, h.TakeMessages().Count);
    }

    [Fact]
    public void HeadersOnly_dropsPayloadAndIsMarked()
    {
        var h = new ConsumerHarness(Configs.Pull() with { HeadersOnly = true });
        h.Publish("p4.a", "a2", "NATS/1.0\r\nX: y\r\n\r\n");

        h.Pull("{\"batch\":1}");

        var message = Assert.Single(h.TakeMessages());
        Assert.True(message.HeadersOnly);
    }

    [Fact]
    public void HeadersOnly_maxBytesCountsTheRewrittenHeaders()
    {
        // 2.9.10 sends `NATS/1.0\r\nX: y\r\nNats-Msg-Size: 2\r\n\r\n` (36 bytes) and no payload.
        var h = new ConsumerHarness(Configs.Pull() with { HeadersOnly = true });
        h.Publish("p4.a", "a2", "NATS/1.0\r\nX: y\r\n\r\n");
        h.Publish("p4.a", "a3", "NATS/1.0\r\nX: y\r\n\r\n");
        var ackLength = Natrium.Grains.Streams.Consumers.AckSubject.Length(Natrium.Grains.Streams.Consumers.AckSubject.Prefix("S", "c"), 1, 1, 1, h.Now, 1);

        h.Pull("{\"batch\":2,\"max_bytes\":" + (4 + ackLength + 36) + "}");

        Assert.Single(h.TakeMessages());
        Assert.Equal(0, h.Engine.NumWaiting);
    }

    [Fact]
    public void AckNone_consumerSeqHasNoGaps_floorFollowsDelivery()
    {
        // Ordered consumers (NATS.Net) recreate themselves on any consumer-seq gap.
        var h = new ConsumerHarness(Configs.Pull(AckPolicy.None) with { MemoryStorage = true, InactiveThresholdNanos = 300 * ConsumerHarness.Second });
        for (var i = 0; i < 5; i++)
        {
            h.Publish("o." + i);
        }

        h.Pull("{\"batch\":1000,\"expires\":30000000000}");
        h.Publish("o.x");

        var consumerSeqs = h.TakeMessages().Select(m => ulong.Parse(m.AckSubject.Split('.')[6], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL, 6UL], consumerSeqs);
        var state = h.Engine.State(h.Now);
        Assert.Equal((6UL, 6UL), (state.AckFloor.ConsumerSeq, state.AckFloor.StreamSeq));
        Assert.Equal(0, state.NumAckPending);
    }
}
