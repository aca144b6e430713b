using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Consumers;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// Push delivery: interest, idle heartbeats, flow control (spec/jetstream.md §5.4).
public sealed class PushTests
{
    private const long Ms = ConsumerHarness.Millisecond;

    [Fact]
    public void Push_withoutInterest_holdsMessagesUntilInterest()
    {
        // Seen on 2.9.10: no subscriber on deliver_subject → nothing, push_bound absent.
        var h = new ConsumerHarness(Configs.Push(), static (_, h) =>
        {
            h.Seed("a");
            h.Seed("a");
        });
        h.Publish("a");
        Assert.Empty(h.Take());
        Assert.False(h.Engine.State(h.Now).PushBound);

        h.Interest(true);

        Assert.Equal(["dl.c", "dl.c", "dl.c"], h.TakeMessages().Select(m => m.To));
        Assert.True(h.Engine.State(h.Now).PushBound);
        h.Interest(false);
        h.Publish("a");
        Assert.Empty(h.Take());
    }

    [Fact]
    public void NewDeliverSubject_withoutInterest_redeliversPendingOnlyOnceItHasSome()
    {
        // Seen on 2.9.10: after the update nothing goes out (delivered stays 2) until a
        // subscriber of the new subject appears; then both come again, delivery count 2.
        var h = new ConsumerHarness(Configs.Push(), static (_, h) =>
        {
            h.Seed("a");
            h.Seed("a");
        });
        h.Interest(true);
        Assert.Equal(2, h.TakeMessages().Count);

        h.Engine.UpdateConfig(h.Engine.Config with { DeliverSubject = "dl.new" }, h.Now, h.Outputs, pushInterest: false);
        Assert.Empty(h.Take());
        h.Interest(true);

        var again = h.TakeMessages();
        Assert.Equal(["dl.new", "dl.new"], again.Select(m => m.To));
        Assert.All(again, m => Assert.StartsWith("$JS.ACK.S.c.2.", m.AckSubject));
    }

    [Fact]
    public void Heartbeat_everyIdleIntervalWhileInterested()
    {
        var h = new ConsumerHarness(Configs.Push(ack: AckPolicy.None) with { IdleHeartbeatNanos = ConsumerHarness.Second });
        h.Interest(true);
        h.Advance(600 * Ms);
        h.Publish("a");
        h.Take();

        h.Advance(999 * Ms);
        Assert.Empty(h.Take());
        h.Advance(Ms);
        Assert.Equal(["STATUS dl.c NATS/1.0 100 Idle Heartbeat|Nats-Last-Consumer: 1|Nats-Last-Stream: 1||"], h.TakeLines());
        h.Advance(ConsumerHarness.Second);
        Assert.Single(h.Take());
    }

    [Fact]
    public void Heartbeat_noInterest_noneSent()
    {
        var h = new ConsumerHarness(Configs.Push() with { IdleHeartbeatNanos = ConsumerHarness.Second });

        h.Advance(5 * ConsumerHarness.Second);

        Assert.Empty(h.Take());
    }

    [Fact]
    public void FlowControl_requestAtHalfWindow_stallAtWindow_resumeOnReply()
    {
        // Seen on 2.9.10 with 60,000-byte messages: FlowControl Request after 18, delivery stops
        // after 35, heartbeats then carry Nats-Consumer-Stalled; after the reply 18 more before
        // the next request, and the rest (60 in all) flows.
        var h = new ConsumerHarness(Configs.Push(ack: AckPolicy.None) with { IdleHeartbeatNanos = ConsumerHarness.Second, FlowControl = true }, static (_, h) =>
        {
            for (var i = 0; i < 60; i++)
            {
                h.Seed("p7.a", new string('z', 60_000));
            }
        });

        h.Interest(true);
        var first = h.Take();
        var request = first.OfType<DeliverStatus>().Single();
        Assert.Equal(18, first.IndexOf(request));
        Assert.Equal(35, first.OfType<DeliverMessage>().Count());
        Assert.Equal("NATS/1.0 100 FlowControl Request\r\n\r\n", ConsumerHarness.Text(request.HeaderBlock));
        Assert.Matches("^\\$JS\\.FC\\.S\\.c\\.[0-9A-Za-z]{4}$", request.Reply);
        Assert.Equal("dl.c", request.To);

        h.Advance(ConsumerHarness.Second);
        Assert.Equal([$"STATUS dl.c NATS/1.0 100 Idle Heartbeat|Nats-Last-Consumer: 35|Nats-Last-Stream: 35|Nats-Consumer-Stalled: {request.Reply}||"], h.TakeLines());
        h.FlowControlReply("$JS.FC.S.c.nope");
        Assert.Empty(h.Take());

        h.FlowControlReply(request.Reply!);

        var second = h.Take();
        Assert.Equal(18, second.FindIndex(o => o is DeliverStatus));
        Assert.Equal(25, second.OfType<DeliverMessage>().Count());
        Assert.Equal(60UL, h.Engine.State(h.Now).Delivered.StreamSeq);
    }

    [Fact]
    public void FlowControl_answeredInTime_neverStalls()
    {
        var h = new ConsumerHarness(Configs.Push(ack: AckPolicy.None) with { IdleHeartbeatNanos = ConsumerHarness.Second, FlowControl = true });
        h.Interest(true);
        var delivered = 0;

        for (var i = 0; i < 400; i++)
        {
            h.Publish("p.a", new string('z', 60_000));
            foreach (var output in h.Take())
            {
                delivered += output is DeliverMessage ? 1 : 0;
                if (output is DeliverStatus { Reply: { } reply })
                {
                    h.FlowControlReply(reply);
                }
            }
        }

        Assert.Equal(400, delivered);
    }

    [Fact]
    public void HeadersOnly_push_flaggedOnEveryMessage()
    {
        var h = new ConsumerHarness(Configs.Push(ack: AckPolicy.None) with { HeadersOnly = true });
        h.Interest(true);

        h.Publish("$KV.cfg.a", "value");

        Assert.True(Assert.Single(h.TakeMessages()).HeadersOnly);
    }

    [Fact]
    public void Push_ackWaitExpired_redeliveredToDeliverSubject()
    {
        var h = new ConsumerHarness(Configs.Push() with { AckWaitNanos = ConsumerHarness.Second });
        h.Interest(true);
        h.Publish("a");
        h.Take();

        h.Advance(ConsumerHarness.Second);

        var again = Assert.Single(h.TakeMessages());
        Assert.Equal("dl.c", again.To);
        Assert.StartsWith("$JS.ACK.S.c.2.1.2.", again.AckSubject, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateConfig_newDeliverSubject_resendsPending()
    {
        var h = new ConsumerHarness(Configs.Push());
        h.Interest(true);
        h.Publish("a");
        h.Publish("a");
        h.Take();

        h.Engine.UpdateConfig(h.Engine.Config with { DeliverSubject = "dl.new" }, h.Now, h.Outputs);

        Assert.Equal([("dl.new", 1UL), ("dl.new", 2UL)], h.TakeMessages().Select(m => (m.To, m.Message.Sequence)));
    }
}
