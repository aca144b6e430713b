using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// The ack policies and ack bodies through NATS.Net (spec/jetstream.md §4.3, §6): none, all,
/// explicit with its ack floor, +WPI, +NXT, double acks and -NAK with a delay.
public sealed class AckVariantTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    private static readonly AckOpts Double = new() { DoubleAck = true };

    [Fact]
    public async Task Ack_none_moves_the_floor_with_delivery_and_never_redelivers()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateWithThreeAsync(js, "ACKNONE", "acknone");
        var consumer = await js.CreateOrUpdateConsumerAsync("ACKNONE", new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.None, AckWait = TimeSpan.FromSeconds(1) });
        var received = await FetchAsync(consumer, 3);
        Assert.Equal(3, received.Count);

        await consumer.RefreshAsync();
        Assert.Equal(0, consumer.Info.NumAckPending);
        Assert.Equal(3ul, consumer.Info.AckFloor.StreamSeq);
        Assert.Equal(3ul, consumer.Info.AckFloor.ConsumerSeq);
    }

    [Fact]
    public async Task Ack_all_acks_everything_up_to_the_acked_message()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateWithThreeAsync(js, "ACKALL", "ackall");
        var consumer = await js.CreateOrUpdateConsumerAsync("ACKALL", new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.All });
        var received = await FetchAsync(consumer, 3);
        await received[1].AckAsync(Double);

        await consumer.RefreshAsync();
        Assert.Equal(1, consumer.Info.NumAckPending);
        Assert.Equal(2ul, consumer.Info.AckFloor.StreamSeq);

        await received[2].AckAsync(Double);
        await consumer.RefreshAsync();
        Assert.Equal(0, consumer.Info.NumAckPending);
        Assert.Equal(3ul, consumer.Info.AckFloor.StreamSeq);
    }

    [Fact]
    public async Task Explicit_acks_move_the_floor_only_over_a_contiguous_run()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateWithThreeAsync(js, "ACKEXP", "ackexp");
        var consumer = await js.CreateOrUpdateConsumerAsync("ACKEXP", new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var received = await FetchAsync(consumer, 3);

        var floors = new List<ulong>();
        foreach (var index in new[] { 2, 0, 1 })
        {
            await received[index].AckAsync(Double);
            await consumer.RefreshAsync();
            floors.Add(consumer.Info.AckFloor.StreamSeq);
        }

        Assert.Equal([0ul, 1ul, 3ul], floors);
        Assert.Equal(0, consumer.Info.NumAckPending);
    }

    [Fact]
    public async Task Progress_restarts_ack_wait()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateWithThreeAsync(js, "ACKWPI", "ackwpi");
        var consumer = await js.CreateOrUpdateConsumerAsync("ACKWPI", new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = TimeSpan.FromSeconds(3), MaxAckPending = 1 });
        var first = await consumer.NextAsync<int>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(2) });
        Assert.NotNull(first);

        // 2 s in, nothing came back yet; +WPI then pushes the redelivery to about 5 s, so the
        // original deadline (3 s) passes quietly. A second of slack on each side of a deadline:
        // a loaded CI machine delays a step by hundreds of milliseconds.
        Assert.Null(await RawPull.OneAsync(nc, "ACKWPI", "c", TimeSpan.FromSeconds(2)));
        await first.AckProgressAsync(Double);
        Assert.Null(await RawPull.OneAsync(nc, "ACKWPI", "c", TimeSpan.FromSeconds(2)));

        var again = await consumer.NextAsync<int>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(5) });
        Assert.NotNull(again);
        Assert.Equal(1ul, again.Metadata!.Value.Sequence.Stream);
        Assert.Equal(2ul, again.Metadata.Value.NumDelivered);
        await again.AckAsync();
    }

    [Fact]
    public async Task Ack_next_acks_and_delivers_the_next_batch_to_its_reply_subject()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateWithThreeAsync(js, "ACKNXT", "acknxt");
        var consumer = await js.CreateOrUpdateConsumerAsync("ACKNXT", new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var first = await consumer.NextAsync<int>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(2) });

        // Not under NATS.Net's muxed _INBOX prefix: deliveries carry the stored subject, and the
        // muxed inbox dispatches by subject.
        var inbox = "nxt." + Guid.NewGuid().ToString("N");
        await using var sub = await nc.SubscribeCoreAsync<int>(inbox);
        await nc.PublishAsync(first!.ReplyTo!, Encoding.ASCII.GetBytes("+NXT {\"batch\":2}"), replyTo: inbox);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var next = await sub.Msgs.ReadAsync(cts.Token);
        var after = await sub.Msgs.ReadAsync(cts.Token);
        Assert.Equal([2, 3], new[] { next.Data, after.Data });
        Assert.StartsWith("$JS.ACK.ACKNXT.c.1.2.2.", next.ReplyTo);

        await consumer.RefreshAsync();
        Assert.Equal(1ul, consumer.Info.AckFloor.StreamSeq);
        Assert.Equal(2, consumer.Info.NumAckPending);
    }

    [Fact]
    public async Task Double_ack_is_answered_for_every_ack_body()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateWithThreeAsync(js, "ACKDBL", "ackdbl");
        var consumer = await js.CreateOrUpdateConsumerAsync("ACKDBL", new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var received = await FetchAsync(consumer, 3);
        await received[0].AckAsync(Double);
        await received[0].AckAsync(Double);
        await received[1].AckProgressAsync(Double);
        await received[1].AckTerminateAsync(Double);
        await received[2].NakAsync(Double);

        var reply = await nc.RequestAsync<string, string>(received[2].ReplyTo!, "hello");
        Assert.Equal(string.Empty, reply.Data ?? string.Empty);
    }

    [Fact]
    public async Task Nak_with_delay_redelivers_after_the_delay()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateWithThreeAsync(js, "ACKNAKD", "acknakd");
        var consumer = await js.CreateOrUpdateConsumerAsync("ACKNAKD", new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit, MaxAckPending = 1 });
        var first = await consumer.NextAsync<int>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(2) });
        await first!.NakAsync(new AckOpts { DoubleAck = true, NakDelay = TimeSpan.FromSeconds(1) });

        Assert.Null(await RawPull.OneAsync(nc, "ACKNAKD", "c", TimeSpan.FromMilliseconds(600)));
        var again = await consumer.NextAsync<int>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(3) });
        Assert.NotNull(again);
        Assert.Equal(1ul, again.Metadata!.Value.Sequence.Stream);
        Assert.Equal(2ul, again.Metadata.Value.NumDelivered);
    }

    private static async Task CreateWithThreeAsync(INatsJSContext js, string name, string subject)
    {
        await js.CreateStreamAsync(new StreamConfig(name, [subject]));
        for (var i = 1; i <= 3; i++)
        {
            (await js.PublishAsync(subject, i)).EnsureSuccess();
        }
    }

    private static async Task<List<INatsJSMsg<int>>> FetchAsync(INatsJSConsumer consumer, int count)
    {
        var received = new List<INatsJSMsg<int>>();
        await foreach (var msg in consumer.FetchAsync<int>(new NatsJSFetchOpts { MaxMsgs = count, Expires = TimeSpan.FromSeconds(2) }))
        {
            received.Add(msg);
        }

        Assert.Equal(count, received.Count);
        return received;
    }
}
