using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// Interest and workqueue retention through NATS.Net (spec/jetstream.md §3.3): what is kept,
/// when acks remove it, and which consumers a workqueue refuses.
public sealed class RetentionTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    private static readonly NatsJSFetchOpts FetchAll = new() { MaxMsgs = 10, Expires = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task Interest_stream_without_consumers_acks_but_keeps_nothing()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("INTEREST0", ["interest0.>"]) { Retention = StreamConfigRetention.Interest });
        var ack = await js.PublishAsync("interest0.a", "nobody listens");
        ack.EnsureSuccess();
        Assert.Equal(1ul, ack.Seq);

        await stream.RefreshAsync();
        Assert.Equal(0L, stream.Info.State.Messages);
        Assert.Equal(1ul, stream.Info.State.LastSeq);
        Assert.Equal(2ul, stream.Info.State.FirstSeq);
    }

    [Fact]
    public async Task Interest_stream_drops_a_message_once_every_consumer_whose_filter_takes_it_acked()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("INTEREST", ["interest.>"]) { Retention = StreamConfigRetention.Interest });
        var all = await js.CreateOrUpdateConsumerAsync("INTEREST", new ConsumerConfig("all") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var onlyA = await js.CreateOrUpdateConsumerAsync("INTEREST", new ConsumerConfig("only-a") { AckPolicy = ConsumerConfigAckPolicy.Explicit, FilterSubject = "interest.a" });
        (await js.PublishAsync("interest.a", "a")).EnsureSuccess();
        (await js.PublishAsync("interest.b", "b")).EnsureSuccess();

        Assert.Equal(["interest.a", "interest.b"], await FetchAndAckAsync(all));
        await stream.RefreshAsync();
        Assert.Equal(1L, stream.Info.State.Messages);
        Assert.Equal(1ul, stream.Info.State.FirstSeq);

        Assert.Equal(["interest.a"], await FetchAndAckAsync(onlyA));
        await stream.RefreshAsync();
        Assert.Equal(0L, stream.Info.State.Messages);
        Assert.Equal(3ul, stream.Info.State.FirstSeq);
    }

    [Fact]
    public async Task Interest_stream_keeps_an_unacked_message_until_its_consumer_acks()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("INTEREST2", ["interest2.>"]) { Retention = StreamConfigRetention.Interest });
        var first = await js.CreateOrUpdateConsumerAsync("INTEREST2", new ConsumerConfig("first") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var second = await js.CreateOrUpdateConsumerAsync("INTEREST2", new ConsumerConfig("second") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        (await js.PublishAsync("interest2.x", "x")).EnsureSuccess();
        await FetchAndAckAsync(first);
        await stream.RefreshAsync();
        Assert.Equal(1L, stream.Info.State.Messages);

        await FetchAndAckAsync(second);
        await stream.RefreshAsync();
        Assert.Equal(0L, stream.Info.State.Messages);
    }

    [Fact]
    public async Task Interest_stream_drops_what_only_a_deleted_consumer_still_needed()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("INTERESTDEL", ["interestdel.>"]) { Retention = StreamConfigRetention.Interest });
        var fast = await js.CreateOrUpdateConsumerAsync("INTERESTDEL", new ConsumerConfig("fast") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        await js.CreateOrUpdateConsumerAsync("INTERESTDEL", new ConsumerConfig("slow") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        (await js.PublishAsync("interestdel.a", "1")).EnsureSuccess();
        (await js.PublishAsync("interestdel.a", "2")).EnsureSuccess();
        await FetchAndAckAsync(fast);
        await stream.RefreshAsync();
        Assert.Equal(2L, stream.Info.State.Messages);

        await js.DeleteConsumerAsync("INTERESTDEL", "slow");
        await stream.RefreshAsync();
        Assert.Equal(0L, stream.Info.State.Messages);
    }

    [Fact]
    public async Task Workqueue_ack_removes_the_message()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("WQ", ["wq.>"]) { Retention = StreamConfigRetention.Workqueue });
        var worker = await js.CreateOrUpdateConsumerAsync("WQ", new ConsumerConfig("worker") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        for (var i = 0; i < 3; i++)
        {
            (await js.PublishAsync($"wq.{i}", i)).EnsureSuccess();
        }

        var received = new List<INatsJSMsg<int>>();
        await foreach (var msg in worker.FetchAsync<int>(new NatsJSFetchOpts { MaxMsgs = 3, Expires = TimeSpan.FromSeconds(1) }))
        {
            received.Add(msg);
        }

        Assert.Equal(3, received.Count);
        await received[0].AckAsync(new AckOpts { DoubleAck = true });
        await received[2].AckAsync(new AckOpts { DoubleAck = true });
        await stream.RefreshAsync();
        Assert.Equal(1L, stream.Info.State.Messages);
        Assert.Equal(2ul, stream.Info.State.FirstSeq);
        Assert.Equal(1, stream.Info.State.NumDeleted);
    }

    [Fact]
    public async Task Workqueue_refuses_a_second_unfiltered_consumer()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("WQ2", ["wq2.>"]) { Retention = StreamConfigRetention.Workqueue });
        await js.CreateOrUpdateConsumerAsync("WQ2", new ConsumerConfig("one") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var error = await Assert.ThrowsAsync<NatsJSApiException>(async () =>
            await js.CreateOrUpdateConsumerAsync("WQ2", new ConsumerConfig("two") { AckPolicy = ConsumerConfigAckPolicy.Explicit }));
        Assert.Equal(400, error.Error.Code);
        Assert.Equal(10099, error.Error.ErrCode);
        Assert.Equal("multiple non-filtered consumers not allowed on workqueue stream", error.Error.Description);
    }

    [Fact]
    public async Task Workqueue_refuses_an_overlapping_filter_and_takes_a_disjoint_one()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("WQF", ["wqf.>"]) { Retention = StreamConfigRetention.Workqueue });
        await js.CreateOrUpdateConsumerAsync("WQF", new ConsumerConfig("a-all") { AckPolicy = ConsumerConfigAckPolicy.Explicit, FilterSubject = "wqf.a.*" });
        var error = await Assert.ThrowsAsync<NatsJSApiException>(async () =>
            await js.CreateOrUpdateConsumerAsync("WQF", new ConsumerConfig("a-one") { AckPolicy = ConsumerConfigAckPolicy.Explicit, FilterSubject = "wqf.a.1" }));
        Assert.Equal(400, error.Error.Code);
        Assert.Equal(10100, error.Error.ErrCode);
        Assert.Equal("filtered consumer not unique on workqueue stream", error.Error.Description);

        var disjoint = await js.CreateOrUpdateConsumerAsync("WQF", new ConsumerConfig("b-all") { AckPolicy = ConsumerConfigAckPolicy.Explicit, FilterSubject = "wqf.b.*" });
        Assert.Equal("wqf.b.*", disjoint.Info.Config.FilterSubject);
    }

    [Fact]
    public async Task Workqueue_consumer_must_ack_and_deliver_all()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("WQR", ["wqr.>"]) { Retention = StreamConfigRetention.Workqueue });
        var noAck = await Assert.ThrowsAsync<NatsJSApiException>(async () =>
            await js.CreateOrUpdateConsumerAsync("WQR", new ConsumerConfig("none") { AckPolicy = ConsumerConfigAckPolicy.None }));
        Assert.Equal(10084, noAck.Error.ErrCode);
        Assert.Equal("consumer in pull mode requires ack policy", noAck.Error.Description);

        var last = await Assert.ThrowsAsync<NatsJSApiException>(async () =>
            await js.CreateOrUpdateConsumerAsync("WQR", new ConsumerConfig("last") { AckPolicy = ConsumerConfigAckPolicy.Explicit, DeliverPolicy = ConsumerConfigDeliverPolicy.Last }));
        Assert.Equal(10101, last.Error.ErrCode);
        Assert.Equal("consumer must be deliver all on workqueue stream", last.Error.Description);
    }

    [Theory]
    [InlineData("WQMAX", StreamConfigRetention.Workqueue)]
    [InlineData("INTERESTMAX", StreamConfigRetention.Interest)]
    public async Task Message_max_deliver_gave_up_on_stays_until_a_late_ack(string name, StreamConfigRetention retention)
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var subject = name.ToLowerInvariant();
        var stream = await js.CreateStreamAsync(new StreamConfig(name, [subject]) { Retention = retention });
        var consumer = await js.CreateOrUpdateConsumerAsync(name, new ConsumerConfig("once") { AckPolicy = ConsumerConfigAckPolicy.Explicit, MaxDeliver = 1 });
        (await js.PublishAsync(subject, "given up")).EnsureSuccess();
        var only = await consumer.NextAsync<string>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(2) });
        await only!.NakAsync(new AckOpts { DoubleAck = true });

        // The next pull finds it past max_deliver and drops it from pending, not from the stream.
        Assert.Null(await RawPull.OneAsync(nc, name, "once", TimeSpan.FromMilliseconds(300)));
        await consumer.RefreshAsync();
        Assert.Equal(0, consumer.Info.NumAckPending);
        await stream.RefreshAsync();
        Assert.Equal(1L, stream.Info.State.Messages);

        await only.AckAsync(new AckOpts { DoubleAck = true });
        await stream.RefreshAsync();
        Assert.Equal(0L, stream.Info.State.Messages);
    }

    /// Fetches what is there and acks each with a double ack, so the removal is done when it
    /// returns; gives back the subjects.
    private static async Task<List<string>> FetchAndAckAsync(INatsJSConsumer consumer)
    {
        var subjects = new List<string>();
        await foreach (var msg in consumer.FetchNoWaitAsync<string>(FetchAll))
        {
            subjects.Add(msg.Subject);
            await msg.AckAsync(new AckOpts { DoubleAck = true });
        }

        return subjects;
    }
}
