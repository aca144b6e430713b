using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Consumers;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// Every pull status and when it is sent (spec/jetstream.md §5.3), as seen on 2.9.10.
public sealed class PullStatusTests
{
    private const string Timeout408 = "408 Request Timeout|Nats-Pending-Messages: ";

    [Fact]
    public void Pull_aboveCaps_409WithNatsServerText()
    {
        var h = new ConsumerHarness(Configs.Pull() with { MaxRequestBatch = 10, MaxRequestExpiresNanos = 5 * ConsumerHarness.Second, MaxRequestMaxBytes = 1000 });

        h.Pull("{\"batch\":11}", "in.2");
        h.Pull("{\"batch\":1,\"expires\":6000000000}", "in.3");
        h.Pull("{\"batch\":1,\"max_bytes\":2000}", "in.4");
        h.Pull("{\"batch\":10,\"expires\":5000000000,\"max_bytes\":1000}", "in.5");

        Assert.Equal(
        [
            "STATUS in.2 NATS/1.0 409 Exceeded MaxRequestBatch of 10||",
            "STATUS in.3 NATS/1.0 409 Exceeded MaxRequestExpires of 5s||",
            "STATUS in.4 NATS/1.0 409 Exceeded MaxRequestMaxBytes of 1000||",
        ], h.TakeLines());
        Assert.Equal(1, h.Engine.NumWaiting);
    }

    [Fact]
    public void NoWait_nothingPending_404NoMessages()
    {
        var h = new ConsumerHarness(Configs.Pull());

        h.Pull("{\"batch\":3,\"no_wait\":true}", "in.2");

        Assert.Equal(["STATUS in.2 NATS/1.0 404 No Messages||"], h.TakeLines());
        Assert.Equal(0, h.Engine.NumWaiting);
    }

    [Fact]
    public void NoWaitWithExpires_nothingPending_waitsFullExpiryThen408()
    {
        // Seen on 2.9.10: 408 with Nats-Pending-Messages 3 one second after the request.
        var h = new ConsumerHarness(Configs.Pull());

        h.Pull("{\"batch\":3,\"no_wait\":true,\"expires\":1000000000}", "in.3");
        Assert.Empty(h.Take());
        Assert.Equal(h.Now + ConsumerHarness.Second, h.Engine.NextDeadline);
        h.Advance(ConsumerHarness.Second - 1);
        Assert.Empty(h.Take());
        h.Advance(1);

        Assert.Equal(["STATUS in.3 NATS/1.0 " + Timeout408 + "3|Nats-Pending-Bytes: 0||"], h.TakeLines());
    }

    [Fact]
    public void NoWait_someAvailable_deliversThen408WithRestOfBatch()
    {
        var h = new ConsumerHarness(Configs.Pull());
        h.Publish("a");

        h.Pull("{\"batch\":5,\"no_wait\":true}", "in.5");

        var lines = h.TakeLines();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("MSG in.5 a $JS.ACK.S.c.1.1.1.", lines[0], StringComparison.Ordinal);
        Assert.Equal("STATUS in.5 NATS/1.0 " + Timeout408 + "4|Nats-Pending-Bytes: 0||", lines[1]);
        Assert.Equal(0, h.Engine.NumWaiting);
    }

    [Fact]
    public void NoWait_batchFilledExactly_noTrailingStatus()
    {
        var h = new ConsumerHarness(Configs.Pull());
        h.Publish("a");
        h.Publish("a");
        h.Publish("a");

        h.Pull("{\"batch\":2,\"no_wait\":true}", "in.3");

        Assert.All(h.Take(), output => Assert.IsType<DeliverMessage>(output));
        Assert.Equal(0, h.Engine.NumWaiting);
    }

    [Fact]
    public void NoWait_earlierPullsClaimEverything_408RequestsPending()
    {
        // max_ack_pending holds the first pull's batch open while two messages stay pending.
        var h = new ConsumerHarness(Configs.Pull() with { MaxAckPending = 1 });
        h.Publish("a");
        h.Publish("a");
        h.Publish("a");
        h.Pull("{\"batch\":5,\"expires\":9000000000}", "in.1");
        Assert.Single(h.TakeMessages());

        h.Pull("{\"batch\":5,\"no_wait\":true}", "in.6");

        Assert.Equal(["STATUS in.6 NATS/1.0 408 Requests Pending||"], h.TakeLines());
        Assert.Equal(1, h.Engine.NumWaiting);
    }

    [Fact]
    public void Expires_batchUnfilled_408WithPendingMessagesAndBytes()
    {
        var h = new ConsumerHarness(Configs.Pull());
        h.Pull("{\"batch\":4,\"expires\":2000000000,\"max_bytes\":5000}", "in.1");
        h.Publish("a");

        h.Advance(2 * ConsumerHarness.Second);

        var lines = h.TakeLines();
        Assert.StartsWith("MSG in.1 a ", lines[0], StringComparison.Ordinal);
        var size = 1 + h.View.Load(1)!.Size + lines[0].Split(' ')[3].Length;
        Assert.Equal("STATUS in.1 NATS/1.0 " + Timeout408 + "3|Nats-Pending-Bytes: " + (5000 - size) + "||", lines[1]);
    }

    [Fact]
    public void IdleHeartbeat_waitingPull_everyIntervalThen408()
    {
        // Seen on 2.9.10 for expires 2.5 s, idle_heartbeat 1 s after 3 delivered: 100 at 1 s and
        // 2 s with Last-Consumer/Last-Stream 3, then 408 at 2.5 s.
        var h = new ConsumerHarness(Configs.Pull(), static (_, h) =>
        {
            h.Seed("a");
            h.Seed("a");
            h.Seed("a");
        });
        h.Pull("{\"batch\":3}", "in.1");
        h.Take();
        var start = h.Now;

        h.Pull("{\"batch\":3,\"expires\":2500000000,\"idle_heartbeat\":1000000000}", "in.4");
        var seen = new List<(long At, string Line)>();
        for (var i = 0; i < 30; i++)
        {
            h.Advance(100 * ConsumerHarness.Millisecond);
            seen.AddRange(h.TakeLines().Select(line => (h.Now - start, line)));
        }

        const string beat = "STATUS in.4 NATS/1.0 100 Idle Heartbeat|Nats-Last-Consumer: 3|Nats-Last-Stream: 3||";
        Assert.Equal(
        [
            (ConsumerHarness.Second, beat),
            (2 * ConsumerHarness.Second, beat),
            (2_500 * ConsumerHarness.Millisecond, "STATUS in.4 NATS/1.0 " + Timeout408 + "3|Nats-Pending-Bytes: 0||"),
        ], seen);
    }

    [Fact]
    public void IdleHeartbeat_deliveryToThatPull_pushesItBack()
    {
        var h = new ConsumerHarness(Configs.Pull());
        h.Pull("{\"batch\":3,\"expires\":10000000000,\"idle_heartbeat\":1000000000}", "in.1");
        h.Advance(800 * ConsumerHarness.Millisecond);
        h.Publish("a");
        h.Take();

        h.Advance(900 * ConsumerHarness.Millisecond);
        Assert.Empty(h.Take());
        h.Advance(100 * ConsumerHarness.Millisecond);

        Assert.Equal(["STATUS in.1 NATS/1.0 100 Idle Heartbeat|Nats-Last-Consumer: 1|Nats-Last-Stream: 1||"], h.TakeLines());
    }

    [Fact]
    public void MaxWaiting_full_409ExceededMaxWaiting()
    {
        var h = new ConsumerHarness(Configs.Pull() with { MaxWaiting = 2 });
        h.Pull("{\"batch\":1,\"expires\":5000000000}", "in.1");
        h.Pull("{\"batch\":1}", "in.2");

        h.Pull("{\"batch\":1}", "in.3");

        Assert.Equal(["STATUS in.3 NATS/1.0 409 Exceeded MaxWaiting||"], h.TakeLines());
        Assert.Equal(2, h.Engine.NumWaiting);
    }

    [Fact]
    public void MaxWaiting_fullWithExpiredPull_expiresItAndQueuesTheNewOne()
    {
        var h = new ConsumerHarness(Configs.Pull() with { MaxWaiting = 1 });
        h.Pull("{\"batch\":2,\"expires\":1000000000}", "in.1");
        var expired = h.Now + ConsumerHarness.Second;

        // The new pull arrives at the expiry instant, before any Tick.
        h.Engine.Pull(PullRequest.One, "in.2", expired, h.Outputs);

        Assert.Equal(["STATUS in.1 NATS/1.0 " + Timeout408 + "2|Nats-Pending-Bytes: 0||"], h.TakeLines());
        Assert.Equal(1, h.Engine.NumWaiting);
    }

    [Fact]
    public void MaxBytes_nextMessageTooBig_409WithPendingHeaders()
    {
        // Seen on 2.9.10: 100-byte payloads, max_bytes 150 → one message (145 counted), then
        // 409 Message Size Exceeds MaxBytes, Nats-Pending-Messages 4, Nats-Pending-Bytes 5.
        var h = new ConsumerHarness(Configs.Pull(), static (_, h) =>
        {
            for (var i = 0; i < 3; i++)
            {
                h.Seed("p5.a", new string('x', 100));
            }
        });
        var size = 4 + 100 + AckSubject.Length(AckSubject.Prefix("S", "c"), 1, 1, 1, h.Now, 2);

        h.Pull("{\"batch\":5,\"max_bytes\":" + (size + 5) + ",\"expires\":1000000000}", "in.1");

        var lines = h.TakeLines();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("MSG in.1 p5.a ", lines[0], StringComparison.Ordinal);
        Assert.Equal("STATUS in.1 NATS/1.0 409 Message Size Exceeds MaxBytes|Nats-Pending-Messages: 4|Nats-Pending-Bytes: 5||", lines[1]);
        Assert.Equal(0, h.Engine.NumWaiting);
    }

    [Fact]
    public void MaxBytes_usedExactly_lastMessageWithoutStatus()
    {
        var h = new ConsumerHarness(Configs.Pull(), static (_, h) =>
        {
            h.Seed("p5.a", new string('y', 100));
            h.Seed("p5.a", new string('y', 100));
        });
        var size = 4 + 100 + AckSubject.Length(AckSubject.Prefix("S", "c"), 1, 1, 1, h.Now, 1);

        h.Pull("{\"batch\":5,\"max_bytes\":" + size + ",\"expires\":1000000000}", "in.4");

        Assert.IsType<DeliverMessage>(Assert.Single(h.Take()));
        Assert.Equal(0, h.Engine.NumWaiting);
        h.Advance(2 * ConsumerHarness.Second);
        Assert.Empty(h.Take());
    }

    [Fact]
    public void Delete_withWaitingPulls_409ConsumerDeletedToEach()
    {
        var h = new ConsumerHarness(Configs.Pull());
        h.Pull("{\"batch\":5,\"expires\":5000000000}", "in.5");
        h.Pull("{\"batch\":5}", "in.6");

        h.Delete();

        Assert.Equal(["STATUS in.5 NATS/1.0 409 Consumer Deleted||", "STATUS in.6 NATS/1.0 409 Consumer Deleted||"], h.TakeLines());
        Assert.True(h.Engine.IsDeleted);
        Assert.Equal(long.MaxValue, h.Engine.NextDeadline);
    }

    [Fact]
    public void Pull_pushConsumer_409ConsumerIsPushBased()
    {
        var h = new ConsumerHarness(Configs.Push());

        h.Pull("", "in.7");
        h.Pull("{bad", "in.8");

        Assert.Equal(["STATUS in.7 NATS/1.0 409 Consumer is push based||", "STATUS in.8 NATS/1.0 409 Consumer is push based||"], h.TakeLines());
    }

    [Fact]
    public void Pull_badBody_400BadRequest()
    {
        var h = new ConsumerHarness(Configs.Pull());

        h.Pull("{\"batch\":5,\"idle_heartbeat\":1000000000}", "in.7");
        h.Pull("{bad", "in.8");

        Assert.Equal(
        [
            "STATUS in.7 NATS/1.0 400 Bad Request - heartbeat value too large||",
            "STATUS in.8 NATS/1.0 400 Bad Request - invalid character 'b' looking for beginning of object key string||",
        ], h.TakeLines());
        Assert.Equal(0, h.Engine.NumWaiting);
    }

    [Fact]
    public void Pull_withoutReplySubject_isIgnored()
    {
        var h = new ConsumerHarness(Configs.Pull());
        h.Publish("a");

        h.Engine.Pull("{\"batch\":1}"u8, null, h.Now, h.Outputs);

        Assert.Empty(h.Take());
        Assert.Equal(0, h.Engine.NumWaiting);
    }

    [Fact]
    public void DropPull_replyLostInterest_leavesSilently()
    {
        var h = new ConsumerHarness(Configs.Pull());
        h.Pull("{\"batch\":5}", "in.1");
        h.Pull("{\"batch\":5}", "in.2");

        h.Engine.DropPull("in.1");
        h.Publish("a");

        Assert.Equal(1, h.Engine.NumWaiting);
        Assert.Equal("in.2", Assert.Single(h.TakeMessages()).To);
    }
}
