using Natrium.Tests.TestKit;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// Push consumers through NATS.Net and plain subscriptions (spec/jetstream.md §5.4): a deliver
/// group split over two gateways, idle heartbeats, flow control stalling an unanswering
/// subscriber and carrying a fast publisher's burst to NATS.Net, and the ordered push consumer.
public sealed class PushConsumerTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Deliver_group_splits_the_messages_between_its_subscribers()
    {
        var (ncA, jsA) = await broker.JetStreamAsync();
        var (ncB, jsB) = await broker.JetStreamAsync(toB: true);
        await using var a = ncA;
        await using var b = ncB;
        await jsA.CreateStreamAsync(new StreamConfig("PUSHQ", ["pushq.in.>"]));
        var opts = new NatsJSPushConsumerOpts
        {
            DurableName = "workers",
            DeliverSubject = "pushq.deliver",
            DeliverGroup = "pushq-workers",
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
        };
        var onA = await jsA.CreateOrUpdatePushConsumerAsync("PUSHQ", opts);
        var onB = await jsB.GetPushConsumerAsync("PUSHQ", "workers");
        Assert.Equal("pushq-workers", onA.Info.Config.DeliverGroup);

        using var cts = new CancellationTokenSource(Patience);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        Task Consume(INatsJSConsumer consumer, string who) => Task.Run(async () =>
        {
            try
            {
                await foreach (var msg in consumer.ConsumeAsync<int>(cancellationToken: cts.Token))
                {
                    seen[msg.Data] = who;
                    await msg.AckAsync(cancellationToken: cts.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var consuming = new[] { Consume(onA, "A"), Consume(onB, "B") };

        for (var i = 0; i < 40; i++)
        {
            (await jsA.PublishAsync($"pushq.in.{i}", i)).EnsureSuccess();
        }

        await Eventually.TrueAsync(() => seen.Count == 40, "all 40 messages reached the group", () => $"{seen.Count} so far", Patience);
        await cts.CancelAsync();
        await Task.WhenAll(consuming);
        Assert.Equal(Enumerable.Range(0, 40), seen.Keys.Order());
        Assert.Contains("A", seen.Values);
        Assert.Contains("B", seen.Values);
    }

    [Fact]
    public async Task Deliver_group_waits_for_a_queue_subscriber_of_its_group()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("PUSHGRP", ["pushgrp.in"]));
        (await js.PublishAsync("pushgrp.in", "1")).EnsureSuccess();
        (await js.PublishAsync("pushgrp.in", "2")).EnsureSuccess();
        await using var plain = await nc.SubscribeCoreAsync<string>("pushgrp.deliver");
        await nc.PingAsync();
        await js.CreateOrUpdateConsumerAsync("PUSHGRP", new ConsumerConfig("g") { DeliverSubject = "pushgrp.deliver", DeliverGroup = "grp", AckPolicy = ConsumerConfigAckPolicy.None });

        // A plain subscriber is no interest for a deliver group.
        var idle = await js.GetConsumerAsync("PUSHGRP", "g");
        Assert.False(idle.Info.PushBound);
        Assert.Equal(0ul, idle.Info.Delivered.ConsumerSeq);
        Assert.Equal(2ul, idle.Info.NumPending);

        await using var member = await nc.SubscribeCoreAsync<string>("pushgrp.deliver", queueGroup: "grp");
        using var cts = new CancellationTokenSource(Patience);
        Assert.Equal("1", (await member.Msgs.ReadAsync(cts.Token)).Data);
        Assert.Equal("2", (await member.Msgs.ReadAsync(cts.Token)).Data);
        var bound = await js.GetConsumerAsync("PUSHGRP", "g");
        Assert.True(bound.Info.PushBound);
    }

    [Fact]
    public async Task New_deliver_subject_gets_the_pending_messages_once_it_has_a_subscriber()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("PUSHMOVE", ["pushmove.in"]));
        (await js.PublishAsync("pushmove.in", "1")).EnsureSuccess();
        (await js.PublishAsync("pushmove.in", "2")).EnsureSuccess();
        var config = new ConsumerConfig("m") { DeliverSubject = "pushmove.old", AckPolicy = ConsumerConfigAckPolicy.Explicit };
        using var cts = new CancellationTokenSource(Patience);
        await using (var old = await nc.SubscribeCoreAsync<string>("pushmove.old"))
        {
            await nc.PingAsync();
            await js.CreateOrUpdateConsumerAsync("PUSHMOVE", config);
            Assert.Equal("1", (await old.Msgs.ReadAsync(cts.Token)).Data);
            Assert.Equal("2", (await old.Msgs.ReadAsync(cts.Token)).Data);
        }

        await nc.PingAsync();
        var moved = await js.CreateOrUpdateConsumerAsync("PUSHMOVE", config with { DeliverSubject = "pushmove.new" });
        Assert.Equal(2ul, moved.Info.Delivered.ConsumerSeq);
        Assert.Equal(0, moved.Info.NumRedelivered);

        await using var fresh = await nc.SubscribeCoreAsync<string>("pushmove.new");
        var first = await fresh.Msgs.ReadAsync(cts.Token);
        var second = await fresh.Msgs.ReadAsync(cts.Token);
        Assert.Equal("1", first.Data);
        Assert.Equal("2", second.Data);
        Assert.StartsWith("$JS.ACK.PUSHMOVE.m.2.1.3.", first.ReplyTo);
    }

    [Fact]
    public async Task Idle_push_consumer_sends_heartbeats_with_its_last_sequences()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("PUSHHB", ["pushhb.in"]));
        (await js.PublishAsync("pushhb.in", "1")).EnsureSuccess();
        (await js.PublishAsync("pushhb.in", "2")).EnsureSuccess();
        await using var sub = await nc.SubscribeCoreAsync<string>("pushhb.deliver");
        await nc.PingAsync();
        await js.CreateOrUpdateConsumerAsync("PUSHHB", new ConsumerConfig("hb")
        {
            DeliverSubject = "pushhb.deliver",
            AckPolicy = ConsumerConfigAckPolicy.None,
            IdleHeartbeat = TimeSpan.FromMilliseconds(200),
        });

        using var cts = new CancellationTokenSource(Patience);
        Assert.Equal("1", (await sub.Msgs.ReadAsync(cts.Token)).Data);
        Assert.Equal("2", (await sub.Msgs.ReadAsync(cts.Token)).Data);
        var heartbeat = await sub.Msgs.ReadAsync(cts.Token);
        Assert.Equal(100, heartbeat.Headers!.Code);
        Assert.Equal("Idle Heartbeat", heartbeat.Headers.MessageText);
        Assert.Equal("2", heartbeat.Headers["Nats-Last-Consumer"].ToString());
        Assert.Equal("2", heartbeat.Headers["Nats-Last-Stream"].ToString());
        // 2.9.10 writes an empty reply token (two spaces, protocol.md §7): NATS.Net reads "".
        Assert.True(string.IsNullOrEmpty(heartbeat.ReplyTo));
    }

    [Fact]
    public async Task Flow_control_stalls_a_subscriber_that_does_not_answer_until_it_does()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        const int count = 48;
        var payload = new byte[64 * 1024];
        await js.CreateStreamAsync(new StreamConfig("PUSHFC", ["pushfc.in"]));
        for (var i = 0; i < count; i++)
        {
            (await js.PublishAsync("pushfc.in", payload)).EnsureSuccess();
        }

        await using var sub = await nc.SubscribeCoreAsync<byte[]>("pushfc.deliver");
        await nc.PingAsync();
        await js.CreateOrUpdateConsumerAsync("PUSHFC", new ConsumerConfig("fc")
        {
            DeliverSubject = "pushfc.deliver",
            AckPolicy = ConsumerConfigAckPolicy.None,
            FlowControl = true,
            IdleHeartbeat = TimeSpan.FromMilliseconds(200),
        });

        using var cts = new CancellationTokenSource(Patience);
        var delivered = 0;
        var stalls = new List<int>();
        string? requested = null;
        while (delivered < count)
        {
            var msg = await sub.Msgs.ReadAsync(cts.Token);
            if (msg.Headers is not { Code: 100 } status)
            {
                delivered++;
                continue;
            }

            if (status.MessageText == "FlowControl Request")
            {
                Assert.StartsWith("$JS.FC.PUSHFC.fc.", msg.ReplyTo);
                requested = msg.ReplyTo;
            }
            else if (status.TryGetValue("Nats-Consumer-Stalled", out var stalledOn))
            {
                // The heartbeat names the request still unanswered; answering it lets delivery go on.
                Assert.Equal(requested, stalledOn.ToString());
                stalls.Add(delivered);
                await nc.PublishAsync(stalledOn.ToString(), Array.Empty<byte>());
            }
        }

        Assert.NotEmpty(stalls);
        Assert.InRange(stalls[0], 16, count - 1);
    }

    [Fact]
    public async Task Push_consume_with_flow_control_gets_all_of_a_fast_burst()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        const int count = 200;
        await js.CreateStreamAsync(new StreamConfig("PUSHBURST", ["pushburst.in"]));
        var consumer = await js.CreateOrUpdatePushConsumerAsync("PUSHBURST", new NatsJSPushConsumerOpts
        {
            DurableName = "burst",
            DeliverSubject = "pushburst.deliver",
            AckPolicy = ConsumerConfigAckPolicy.None,
            FlowControl = true,
            IdleHeartbeat = TimeSpan.FromSeconds(1),
        });

        using var cts = new CancellationTokenSource(Patience);
        var received = new List<ulong>();
        var consuming = Task.Run(async () =>
        {
            await foreach (var msg in consumer.ConsumeAsync<byte[]>(cancellationToken: cts.Token))
            {
                received.Add(msg.Metadata!.Value.Sequence.Stream);
                if (received.Count == count)
                {
                    return;
                }
            }
        });

        var payload = new byte[32 * 1024];
        var acks = new List<Task<PubAckResponse>>();
        for (var i = 0; i < count; i++)
        {
            acks.Add(js.PublishAsync("pushburst.in", payload).AsTask());
        }

        foreach (var ack in acks)
        {
            (await ack).EnsureSuccess();
        }

        await consuming.WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (ulong)i), received);
    }

    [Fact]
    public async Task Ordered_push_consumer_reads_the_stream_in_order()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("PUSHORD", ["pushord.>"]));
        for (var i = 0; i < 20; i++)
        {
            (await js.PublishAsync($"pushord.{i % 4}", i)).EnsureSuccess();
        }

        var consumer = await js.CreateOrderedPushConsumerAsync("PUSHORD", new NatsJSOrderedConsumerOpts { FilterSubjects = ["pushord.>"] });
        var seen = new List<int>();
        using var cts = new CancellationTokenSource(Patience);
        await foreach (var msg in consumer.ConsumeAsync<int>(cancellationToken: cts.Token))
        {
            seen.Add(msg.Data);
            if (seen.Count == 20)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 20), seen);
    }
}
