using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// STREAM.PURGE through NATS.Net (spec/jetstream.md §2.4): keep, seq, filter with keep, the
/// refused seq+keep pair, and where a consumer stands afterwards.
public sealed class PurgeTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Purge_with_keep_leaves_the_newest_messages()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await CreateWithFiveAsync(js, "PKEEP", "pkeep");
        var purged = await stream.PurgeAsync(new StreamPurgeRequest { Keep = 2 });
        Assert.True(purged.Success);
        Assert.Equal(3L, (long)purged.Purged);
        await stream.RefreshAsync();
        Assert.Equal(2L, stream.Info.State.Messages);
        Assert.Equal(4ul, stream.Info.State.FirstSeq);
    }

    [Fact]
    public async Task Purge_with_seq_removes_everything_below_it()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await CreateWithFiveAsync(js, "PSEQ", "pseq");
        var purged = await stream.PurgeAsync(new StreamPurgeRequest { Seq = 4 });
        Assert.Equal(3L, (long)purged.Purged);
        await stream.RefreshAsync();
        Assert.Equal(2L, stream.Info.State.Messages);
        Assert.Equal(4ul, stream.Info.State.FirstSeq);
    }

    [Fact]
    public async Task Purge_with_filter_and_keep_keeps_the_newest_of_the_filter_only()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("PFKEEP", ["pfkeep.>"]));
        foreach (var subject in new[] { "a", "b", "a", "b", "a" })
        {
            (await js.PublishAsync($"pfkeep.{subject}", subject)).EnsureSuccess();
        }

        var purged = await stream.PurgeAsync(new StreamPurgeRequest { Filter = "pfkeep.a", Keep = 1 });
        Assert.Equal(2L, (long)purged.Purged);
        await stream.RefreshAsync();
        Assert.Equal(3L, stream.Info.State.Messages);
        Assert.Equal(2ul, stream.Info.State.FirstSeq);
        var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = "pfkeep.a" });
        Assert.Equal(5ul, last.Message.Seq);
    }

    [Fact]
    public async Task Purge_with_seq_and_keep_is_a_bad_request()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await CreateWithFiveAsync(js, "PBAD", "pbad");
        var error = await Assert.ThrowsAsync<NatsJSApiException>(async () => await stream.PurgeAsync(new StreamPurgeRequest { Seq = 3, Keep = 1 }));
        Assert.Equal(400, error.Error.Code);
        Assert.Equal(10003, error.Error.ErrCode);
        Assert.Equal("bad request", error.Error.Description);
    }

    [Fact]
    public async Task Consumer_skips_what_a_purge_removed()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await CreateWithFiveAsync(js, "PCONS", "pcons");
        var consumer = await js.CreateOrUpdateConsumerAsync("PCONS", new ConsumerConfig("reader") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        await stream.PurgeAsync(new StreamPurgeRequest { Keep = 1 });
        await consumer.RefreshAsync();
        Assert.Equal(1ul, consumer.Info.NumPending);

        var next = await consumer.NextAsync<int>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(2) });
        Assert.NotNull(next);
        Assert.Equal(5, next.Data);
        Assert.Equal(5ul, next.Metadata!.Value.Sequence.Stream);
    }

    private static async Task<INatsJSStream> CreateWithFiveAsync(INatsJSContext js, string name, string subject)
    {
        var stream = await js.CreateStreamAsync(new StreamConfig(name, [subject]));
        for (var i = 1; i <= 5; i++)
        {
            (await js.PublishAsync(subject, i)).EnsureSuccess();
        }

        return stream;
    }
}
