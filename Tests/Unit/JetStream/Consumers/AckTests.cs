using System.Text;
using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Consumers;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// Every ack body (spec/jetstream.md §6) and the double-ack reply.
public sealed class AckTests
{
    private static ConsumerHarness Pulled(int count, ConsumerConfig? config = null)
    {
        var h = new ConsumerHarness(config ?? Configs.Pull(), (_, h) =>
        {
            for (var i = 0; i < count; i++)
            {
                h.Seed("p.a", "m" + i);
            }
        });
        h.Pull("{\"batch\":" + count + "}");
        return h;
    }

    [Theory]
    [InlineData("")]
    [InlineData("+ACK")]
    [InlineData("+OK")]
    public void Ack_explicit_removesFromPending(string body)
    {
        var h = Pulled(2);
        var acks = h.TakeMessages().Select(m => m.AckSubject).ToList();

        h.Ack(acks[1], body);

        var state = h.Engine.State(h.Now);
        Assert.Equal(1, state.NumAckPending);
        Assert.Equal(h.Now, state.AckFloor.LastActiveNanos);
        Assert.True(h.Engine.IsAcked(2));
        Assert.False(h.Engine.IsAcked(1));
    }

    [Theory]
    [InlineData("+ACK")]
    [InlineData("-NAK")]
    [InlineData("+WPI")]
    [InlineData("+TERM")]
    [InlineData("hello")]
    public void Ack_withReply_emptyReplyWhateverTheBody(string body)
    {
        // Seen on 2.9.10: +WPI, -NAK, +ACK and "hello" with a reply each got an empty MSG.
        var h = Pulled(1);
        var ack = h.TakeMessages()[0].AckSubject;

        h.Ack(ack, body, "in.ack");

        Assert.Contains("REPLY in.ack ", h.TakeLines());
    }

    [Fact]
    public void Ack_duplicate_stillRepliesEmpty()
    {
        var h = Pulled(1);
        var ack = h.TakeMessages()[0].AckSubject;
        h.Ack(ack, "", "in.a");

        h.Ack(ack, "", "in.b");

        Assert.Equal(["REPLY in.a ", "REPLY in.b "], h.TakeLines());
    }

    [Fact]
    public void Ack_notAnAckSubject_noReplyNoEffect()
    {
        var h = Pulled(1);
        h.Take();

        h.Ack("$JS.ACK.S.c.1.1.1", "", "in.a");

        Assert.Empty(h.Take());
        Assert.Equal(1, h.Engine.NumAckPending);
    }

    [Fact]
    public void Nak_plain_redeliveredAtNextPullWithAdvisory()
    {
        // Seen on 2.9.10: -NAK → MSG_NAKED (consumer_seq 1, stream_seq 1, deliveries 1), then the
        // next pull gets $JS.ACK.P3.c1.2.1.2.<same ts>.1 before new messages.
        var h = Pulled(1);
        h.Publish("p.a", "new");
        var first = h.TakeMessages()[0];

        h.Ack(first.AckSubject, "-NAK");
        var nak = Assert.IsType<PublishAdvisory>(Assert.Single(h.Take()));
        h.Pull("{\"batch\":1}");

        Assert.Equal("$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.S.c", nak.To);
        var json = Encoding.UTF8.GetString(nak.Body);
        Assert.Matches("^\\{\"type\":\"io.nats.jetstream.advisory.v1.nak\",\"id\":\"[0-9A-Za-z]{22}\",\"timestamp\":\"[^\"]+Z\",\"stream\":\"S\",\"consumer\":\"c\",\"consumer_seq\":1,\"stream_seq\":1,\"deliveries\":1\\}$", json);
        var again = Assert.Single(h.TakeMessages());
        Assert.Equal($"$JS.ACK.S.c.2.1.2.{first.Message.TimestampNanos}.1", again.AckSubject);
        var state = h.Engine.State(h.Now);
        Assert.Equal((2UL, 1UL, 1L), (state.Delivered.ConsumerSeq, state.Delivered.StreamSeq, state.NumRedelivered));
    }

    [Fact]
    public void Nak_withDelay_redeliveredAfterIt()
    {
        // Seen on 2.9.10: -NAK {"delay":1000000000} → back about 1 s later to a waiting pull.
        var h = Pulled(1);
        var ack = h.TakeMessages()[0].AckSubject;
        h.Ack(ack, "-NAK {\"delay\":1000000000}");
        h.Take();
        h.Pull("{\"batch\":1,\"expires\":5000000000}");

        h.Advance(999 * ConsumerHarness.Millisecond);
        Assert.Empty(h.Take());
        h.Advance(ConsumerHarness.Millisecond);

        Assert.StartsWith("$JS.ACK.S.c.2.1.2.", Assert.Single(h.TakeMessages()).AckSubject, StringComparison.Ordinal);
    }

    [Fact]
    public void Nak_notPending_ignoredWithoutAdvisory()
    {
        var h = Pulled(1);
        var ack = h.TakeMessages()[0].AckSubject;
        h.Ack(ack);

        h.Ack(ack, "-NAK");

        Assert.Empty(h.Take());
    }

    [Fact]
    public void Progress_restartsAckWait()
    {
        var h = Pulled(1, Configs.Pull() with { AckWaitNanos = 2 * ConsumerHarness.Second });
        var ack = h.TakeMessages()[0].AckSubject;
        h.Advance(1_500 * ConsumerHarness.Millisecond);

        h.Ack(ack, "+WPI");
        h.Pull("{\"batch\":1,\"expires\":10000000000}");
        h.Advance(1_999 * ConsumerHarness.Millisecond);
        Assert.Empty(h.Take());
        h.Advance(ConsumerHarness.Millisecond);

        Assert.Single(h.TakeMessages());
    }

    [Theory]
    [InlineData("+TERM")]
    [InlineData("+TERM too bad")]
    public void Term_dropsFromPendingWithAdvisory(string body)
    {
        var h = Pulled(2, Configs.Pull() with { AckWaitNanos = ConsumerHarness.Second });
        var ack = h.TakeMessages()[0].AckSubject;

        h.Ack(ack, body);

        var advisory = Assert.IsType<PublishAdvisory>(Assert.Single(h.Take()));
        Assert.Equal("$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.S.c", advisory.To);
        Assert.Contains("\"type\":\"io.nats.jetstream.advisory.v1.terminated\"", Encoding.UTF8.GetString(advisory.Body), StringComparison.Ordinal);
        Assert.Contains("\"consumer_seq\":1,\"stream_seq\":1,\"deliveries\":1}", Encoding.UTF8.GetString(advisory.Body), StringComparison.Ordinal);
        Assert.Equal(1, h.Engine.NumAckPending);
        h.Pull("{\"batch\":5,\"expires\":3000000000}");
        h.Advance(1_500 * ConsumerHarness.Millisecond);
        Assert.Equal([2UL], h.TakeMessages().Select(m => m.Message.Sequence));
    }

    [Fact]
    public void Next_acksAndPullsToTheReply()
    {
        // Seen on 2.9.10: +NXT {"batch":2} with reply in.nxt → that reply got the next message
        // and waited for one more; no empty double-ack reply.
        var h = Pulled(1);
        h.Publish("p.a", "m1");
        var ack = h.TakeMessages()[0].AckSubject;

        h.Ack(ack, "+NXT {\"batch\":2}", "in.nxt");

        Assert.Equal(["in.nxt"], h.TakeMessages().Select(m => m.To));
        Assert.Equal(1, h.Engine.NumWaiting);
        Assert.Equal(1, h.Engine.NumAckPending);
        Assert.True(h.Engine.IsAcked(1));
    }

    [Fact]
    public void AckAll_acksEverythingUpToIt_olderAckIgnored()
    {
        // Seen on 2.9.10 (ack_policy all, 4 delivered): ack of the 3rd → ack_floor 3/9 of
        // stream seqs 7–10, num_ack_pending 1; a later ack of the 2nd changes nothing.
        var h = Pulled(4, Configs.Pull(AckPolicy.All));
        var acks = h.TakeMessages().Select(m => m.AckSubject).ToList();

        h.Ack(acks[2]);
        h.Ack(acks[1]);

        var state = h.Engine.State(h.Now);
        Assert.Equal((3UL, 3UL, 1L), (state.AckFloor.ConsumerSeq, state.AckFloor.StreamSeq, state.NumAckPending));
        Assert.True(h.Engine.IsAcked(3));
        Assert.False(h.Engine.IsAcked(4));
    }

    [Fact]
    public void AckNone_acksChangeNothingButStillReply()
    {
        var h = Pulled(2, Configs.Pull(AckPolicy.None));
        var ack = h.TakeMessages()[0].AckSubject;

        h.Ack(ack, "", "in.r");

        Assert.Equal(["REPLY in.r "], h.TakeLines());
        Assert.Equal(2UL, h.Engine.State(h.Now).AckFloor.StreamSeq);
    }
}
