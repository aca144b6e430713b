using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// Where a consumer starts, through NATS.Net (spec/jetstream.md §4.2): every deliver policy,
/// filter_subject, and the start options each policy needs or refuses.
public sealed class DeliverPolicyTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Deliver_all_starts_at_the_first_message()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateAsync(js, "DPALL", "dpall");
        var consumer = await js.CreateOrUpdateConsumerAsync("DPALL", new ConsumerConfig("c") { DeliverPolicy = ConsumerConfigDeliverPolicy.All });
        Assert.Equal([1ul, 2ul, 3ul, 4ul], await SequencesAsync(consumer));
    }

    [Fact]
    public async Task Deliver_last_starts_at_the_last_message()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateAsync(js, "DPLAST", "dplast");
        var consumer = await js.CreateOrUpdateConsumerAsync("DPLAST", new ConsumerConfig("c") { DeliverPolicy = ConsumerConfigDeliverPolicy.Last });
        Assert.Equal(1ul, consumer.Info.NumPending);
        Assert.Equal([4ul], await SequencesAsync(consumer));
    }

    [Fact]
    public async Task Deliver_new_takes_only_what_is_published_afterwards()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateAsync(js, "DPNEW", "dpnew");
        var consumer = await js.CreateOrUpdateConsumerAsync("DPNEW", new ConsumerConfig("c") { DeliverPolicy = ConsumerConfigDeliverPolicy.New });
        Assert.Equal(0ul, consumer.Info.NumPending);
        Assert.Empty(await SequencesAsync(consumer));
        (await js.PublishAsync("dpnew.z", "late")).EnsureSuccess();
        Assert.Equal([5ul], await SequencesAsync(consumer));
    }

    [Fact]
    public async Task Deliver_by_start_sequence_starts_there()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateAsync(js, "DPSEQ", "dpseq");
        var consumer = await js.CreateOrUpdateConsumerAsync("DPSEQ", new ConsumerConfig("c") { DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence, OptStartSeq = 3 });
        Assert.Equal(2ul, consumer.Info.NumPending);
        Assert.Equal([3ul, 4ul], await SequencesAsync(consumer));
    }

    [Fact]
    public async Task Deliver_by_start_time_starts_at_the_first_message_stored_then()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await CreateAsync(js, "DPTIME", "dptime");
        var third = await stream.GetAsync(new StreamMsgGetRequest { Seq = 3 });
        var consumer = await js.CreateOrUpdateConsumerAsync("DPTIME", new ConsumerConfig("c") { DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartTime, OptStartTime = third.Message.Time });
        Assert.Equal([3ul, 4ul], await SequencesAsync(consumer));
    }

    [Fact]
    public async Task Deliver_last_per_subject_sends_the_newest_of_each_subject_in_stream_order()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateAsync(js, "DPLPS", "dplps");
        var consumer = await js.CreateOrUpdateConsumerAsync("DPLPS", new ConsumerConfig("c") { DeliverPolicy = ConsumerConfigDeliverPolicy.LastPerSubject, FilterSubject = "dplps.>" });
        Assert.Equal(3ul, consumer.Info.NumPending);
        Assert.Equal([2ul, 3ul, 4ul], await SequencesAsync(consumer));
        (await js.PublishAsync("dplps.a", "after")).EnsureSuccess();
        Assert.Equal([5ul], await SequencesAsync(consumer));
    }

    [Fact]
    public async Task Filter_subject_delivers_only_matching_messages()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateAsync(js, "DPFILTER", "dpfilter");
        var consumer = await js.CreateOrUpdateConsumerAsync("DPFILTER", new ConsumerConfig("c") { FilterSubject = "dpfilter.a" });
        Assert.Equal(2ul, consumer.Info.NumPending);
        Assert.Equal([1ul, 3ul], await SequencesAsync(consumer));
        var outside = await Assert.ThrowsAsync<NatsJSApiException>(async () =>
            await js.CreateOrUpdateConsumerAsync("DPFILTER", new ConsumerConfig("d") { FilterSubject = "elsewhere.a" }));
        Assert.Equal(400, outside.Error.Code);
        Assert.Equal(10093, outside.Error.ErrCode);
        Assert.Equal("consumer filter subject is not a valid subset of the interest subjects", outside.Error.Description);
    }

    [Fact]
    public async Task Start_options_missing_or_extra_are_refused_with_the_policy_named()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateAsync(js, "DPBAD", "dpbad");
        var noSeq = await Assert.ThrowsAsync<NatsJSApiException>(async () =>
            await js.CreateOrUpdateConsumerAsync("DPBAD", new ConsumerConfig("a") { DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence }));
        Assert.Equal(10094, noSeq.Error.ErrCode);
        Assert.Equal("consumer delivery policy is deliver by start sequence, but optional start sequence is not set", noSeq.Error.Description);

        var extra = await Assert.ThrowsAsync<NatsJSApiException>(async () =>
            await js.CreateOrUpdateConsumerAsync("DPBAD", new ConsumerConfig("b") { DeliverPolicy = ConsumerConfigDeliverPolicy.All, OptStartSeq = 2 }));
        Assert.Equal(10094, extra.Error.ErrCode);
        Assert.Equal("consumer delivery policy is deliver all, but optional start sequence is also set", extra.Error.Description);

        var noFilter = await Assert.ThrowsAsync<NatsJSApiException>(async () =>
            await js.CreateOrUpdateConsumerAsync("DPBAD", new ConsumerConfig("c") { DeliverPolicy = ConsumerConfigDeliverPolicy.LastPerSubject }));
        Assert.Equal(10094, noFilter.Error.ErrCode);
        Assert.Equal("consumer delivery policy is deliver last per subject, but optional filter subject is not set", noFilter.Error.Description);
    }

    /// Messages 1 `<p>.a`, 2 `<p>.b`, 3 `<p>.a`, 4 `<p>.c`.
    private static async Task<INatsJSStream> CreateAsync(INatsJSContext js, string name, string prefix)
    {
        var stream = await js.CreateStreamAsync(new StreamConfig(name, [prefix + ".>"]));
        foreach (var subject in new[] { "a", "b", "a", "c" })
        {
            (await js.PublishAsync($"{prefix}.{subject}", subject)).EnsureSuccess();
        }

        return stream;
    }

    /// The stream sequences of what the consumer has now, each acked.
    private static async Task<List<ulong>> SequencesAsync(INatsJSConsumer consumer)
    {
        var sequences = new List<ulong>();
        await foreach (var msg in consumer.FetchNoWaitAsync<string>(new NatsJSFetchOpts { MaxMsgs = 10 }))
        {
            sequences.Add(msg.Metadata!.Value.Sequence.Stream);
            await msg.AckAsync();
        }

        return sequences;
    }
}
