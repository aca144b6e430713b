using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// Consumers through NATS.Net (spec/jetstream.md §4–§6): durable pull consumers with Fetch,
/// Next and Consume, acks and redelivery, push consumers, ordered consumers, and consumption on
/// the other gateway.
public sealed class ConsumerTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Durable_pull_consumer_fetches_in_order_and_acked_messages_are_not_redelivered()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("PULL", ["pull.>"]));
        for (var i = 0; i < 5; i++)
        {
            (await js.PublishAsync($"pull.{i}", i)).EnsureSuccess();
        }

        var consumer = await js.CreateOrUpdateConsumerAsync("PULL", new ConsumerConfig("proc") { AckPolicy = ConsumerConfigAckPolicy.Explicit, FilterSubject = "pull.*" });
        var seen = new List<int>();
        await foreach (var msg in consumer.FetchAsync<int>(new NatsJSFetchOpts { MaxMsgs = 5, Expires = TimeSpan.FromSeconds(2) }))
        {
            seen.Add(msg.Data);
            await msg.AckAsync(new AckOpts { DoubleAck = true });
        }

        Assert.Equal([0, 1, 2, 3, 4], seen);
        await consumer.RefreshAsync();
        Assert.Equal(0, consumer.Info.NumAckPending);
        Assert.Equal(5ul, consumer.Info.AckFloor.StreamSeq);

        var none = new List<int>();
        await foreach (var msg in consumer.FetchNoWaitAsync<int>(new NatsJSFetchOpts { MaxMsgs = 5 }))
        {
            none.Add(msg.Data);
        }

        Assert.Empty(none);
    }

    [Fact]
    public async Task Unacked_message_is_redelivered_after_ack_wait_with_a_higher_delivery_count()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("REDELIVER", ["redeliver.>"]));
        await js.PublishAsync("redeliver.x", "again");
        var consumer = await js.CreateOrUpdateConsumerAsync("REDELIVER", new ConsumerConfig("slow") { AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = TimeSpan.FromSeconds(1) });
        var first = await consumer.NextAsync<string>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(2) });
        Assert.NotNull(first);
        Assert.Equal(1ul, first.Metadata!.Value.NumDelivered);

        var second = await consumer.NextAsync<string>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(5) });
        Assert.NotNull(second);
        Assert.Equal("again", second.Data);
        Assert.Equal(2ul, second.Metadata!.Value.NumDelivered);
        await second!.AckAsync();
    }

    [Fact]
    public async Task Nak_redelivers_at_once_and_term_stops_delivery()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("NAKS", ["naks.>"]));
        await js.PublishAsync("naks.x", "n");
        var consumer = await js.CreateOrUpdateConsumerAsync("NAKS", new ConsumerConfig("nakker") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var first = await consumer.NextAsync<string>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(2) });
        await first!.NakAsync();
        var again = await consumer.NextAsync<string>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(2) });
        Assert.Equal(2ul, again!.Metadata!.Value.NumDelivered);
        await again.AckTerminateAsync();
        var none = await consumer.NextAsync<string>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(1.5) });
        Assert.Null(none);
    }

    [Fact]
    public async Task Consume_receives_messages_published_meanwhile_on_the_other_gateway()
    {
        var (ncA, jsA) = await broker.JetStreamAsync();
        var (ncB, jsB) = await broker.JetStreamAsync(toB: true);
        await using var a = ncA;
        await using var b = ncB;
        await jsA.CreateStreamAsync(new StreamConfig("CONSUME", ["consume.>"]));
        var consumer = await jsB.CreateOrUpdateConsumerAsync("CONSUME", new ConsumerConfig("worker") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        using var cts = new CancellationTokenSource(Patience);
        var received = new List<int>();
        var consuming = Task.Run(async () =>
        {
            await foreach (var msg in consumer.ConsumeAsync<int>(cancellationToken: cts.Token))
            {
                received.Add(msg.Data);
                await msg.AckAsync();
                if (received.Count == 20)
                {
                    return;
                }
            }
        });
        for (var i = 0; i < 20; i++)
        {
            (await jsA.PublishAsync($"consume.{i % 3}", i)).EnsureSuccess();
        }

        await consuming.WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(0, 20), received);
    }

    [Fact]
    public async Task Push_consumer_delivers_to_its_deliver_subject()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("PUSH", ["push.>"]));
        await js.PublishAsync("push.a", "p1");
        await using var sub = await nc.SubscribeCoreAsync<string>("deliver.push");
        await nc.PingAsync();
        await js.CreateOrUpdateConsumerAsync("PUSH", new ConsumerConfig("pusher") { DeliverSubject = "deliver.push", AckPolicy = ConsumerConfigAckPolicy.None });
        var msg = await sub.Msgs.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal("push.a", msg.Subject);
        Assert.Equal("p1", msg.Data);
    }

    [Fact]
    public async Task Ordered_consumer_reads_the_whole_stream_in_order()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("ORDERED", ["ordered.>"]));
        for (var i = 0; i < 10; i++)
        {
            await js.PublishAsync("ordered.x", i);
        }

        var consumer = await js.CreateOrderedConsumerAsync("ORDERED");
        var seen = new List<int>();
        using var cts = new CancellationTokenSource(Patience);
        await foreach (var msg in consumer.ConsumeAsync<int>(cancellationToken: cts.Token))
        {
            seen.Add(msg.Data);
            if (seen.Count == 10)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 10), seen);
    }

    [Fact]
    public async Task Consumer_info_delete_and_missing_consumer_errors()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("CINFO", ["cinfo.>"]));
        await js.CreateOrUpdateConsumerAsync("CINFO", new ConsumerConfig("c1") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var info = await js.GetConsumerAsync("CINFO", "c1");
        Assert.Equal("c1", info.Info.Name);
        Assert.True(await js.DeleteConsumerAsync("CINFO", "c1"));
        var error = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.GetConsumerAsync("CINFO", "c1"));
        Assert.Equal(10014, error.Error.ErrCode);
    }
}
