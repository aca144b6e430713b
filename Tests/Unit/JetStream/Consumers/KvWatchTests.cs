using System.Globalization;
using System.Text;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Consumers;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// The push consumers NATS.Net's KV watcher, Keys and ObjectStore Get create (spec/jetstream.md
/// §7): last_per_subject, ack none, flow control + 5 s heartbeat, mem storage, and what the
/// client reads from each delivery.
public sealed class KvWatchTests
{
    private static ConsumerConfig Watch(bool headersOnly = false) => new()
    {
        Name = "WATCH",
        DeliverPolicy = DeliverPolicy.LastPerSubject,
        DeliverSubject = "_INBOX.w",
        AckPolicy = AckPolicy.None,
        AckWaitNanos = 79_200_000_000_000,
        MaxDeliver = 1,
        FilterSubject = "$KV.cfg.>",
        ReplayPolicy = ReplayPolicy.Instant,
        IdleHeartbeatNanos = 5 * ConsumerHarness.Second,
        FlowControl = true,
        Replicas = 1,
        MemoryStorage = true,
        InactiveThresholdNanos = 5 * ConsumerHarness.Second,
        HeadersOnly = headersOnly,
    };

    private static ConsumerHarness Bucket(ConsumerConfig config) => new(config, static (_, h) =>
    {
        h.Seed("$KV.cfg.a", "1");
        h.Seed("$KV.cfg.b", "1");
        h.Seed("$KV.cfg.a", "2");
        h.Seed("$KV.cfg.c", "1");
        h.Seed("$KV.cfg.b", "2");
    });

    private static (string Key, string Value, ulong Revision, ulong ConsumerSeq, ulong Pending) Read(DeliverMessage message)
    {
        var tokens = message.AckSubject.Split('.');
        return (message.Message.Subject["$KV.cfg.".Length..], Encoding.ASCII.GetString(message.Message.Data.Span),
            ulong.Parse(tokens[5], CultureInfo.InvariantCulture), ulong.Parse(tokens[6], CultureInfo.InvariantCulture), ulong.Parse(tokens[8], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Watch_initialValues_newestPerKeyThenPendingZero()
    {
        var h = Bucket(Watch());
        Assert.Equal(3UL, h.Engine.State(h.Now).NumPending);

        h.Interest(true);

        Assert.Equal([("a", "2", 3UL, 1UL, 2UL), ("c", "1", 4UL, 2UL, 1UL), ("b", "2", 5UL, 3UL, 0UL)], h.TakeMessages().Select(Read));
    }

    [Fact]
    public void Watch_updatesAfterInitialValues_consumerSeqHasNoGaps()
    {
        var h = Bucket(Watch());
        h.Interest(true);
        h.Take();

        h.Publish("$KV.cfg.a", "3");
        h.Publish("$KV.cfg.d", "1", "NATS/1.0\r\nKV-Operation: DEL\r\n\r\n");

        Assert.Equal([("a", "3", 6UL, 4UL, 0UL), ("d", "1", 7UL, 5UL, 0UL)], h.TakeMessages().Select(Read));
        var state = h.Engine.State(h.Now);
        Assert.Equal((5UL, 7UL, 0L), (state.AckFloor.ConsumerSeq, state.AckFloor.StreamSeq, state.NumAckPending));
    }

    [Fact]
    public void Watch_idle_heartbeatEveryFiveSecondsWithLastSequences()
    {
        var h = Bucket(Watch());
        h.Interest(true);
        h.Take();

        h.Advance(5 * ConsumerHarness.Second);

        Assert.Equal(["STATUS _INBOX.w NATS/1.0 100 Idle Heartbeat|Nats-Last-Consumer: 3|Nats-Last-Stream: 5||"], h.TakeLines());
    }

    [Fact]
    public void Watch_emptyBucket_createSaysNothingPending()
    {
        var h = new ConsumerHarness(Watch());
        h.Interest(true);

        Assert.Equal(0UL, h.Engine.State(h.Now).NumPending);
        Assert.Empty(h.Take());
        h.Publish("$KV.cfg.x", "1");
        Assert.Equal([("x", "1", 1UL, 1UL, 0UL)], h.TakeMessages().Select(Read));
    }

    [Fact]
    public void Keys_headersOnly_sameSequencesWithoutPayload()
    {
        var h = Bucket(Watch(headersOnly: true));

        h.Interest(true);

        var messages = h.TakeMessages();
        Assert.All(messages, m => Assert.True(m.HeadersOnly));
        Assert.Equal([2UL, 1UL, 0UL], messages.Select(m => Read(m).Pending));
    }

    [Fact]
    public void History_deliverAllFiltered_everyRevisionOfTheKey()
    {
        var h = Bucket(Watch() with { DeliverPolicy = DeliverPolicy.All, FilterSubject = "$KV.cfg.a" });

        h.Interest(true);

        Assert.Equal([("a", "1", 1UL, 1UL, 1UL), ("a", "2", 3UL, 2UL, 0UL)], h.TakeMessages().Select(Read));
    }

    [Fact]
    public void Watch_recreatedAfterGap_byStartSequenceResumes()
    {
        // NATS.Net recreates its watcher with by_start_sequence = last stream seq seen + 1.
        var h = Bucket(Watch() with { DeliverPolicy = DeliverPolicy.ByStartSequence, OptStartSeq = 4 });

        h.Interest(true);

        Assert.Equal([4UL, 5UL], h.TakeMessages().Select(m => m.Message.Sequence));
    }
}
