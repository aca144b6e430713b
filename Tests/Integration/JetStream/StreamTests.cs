using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// Streams through NATS.Net's JetStream API (spec/jetstream.md §2–§3): create, info, update,
/// names and list, publish with acks and their checks, purge, message get and delete.
public sealed class StreamTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Stream_created_stores_published_messages_and_reports_its_state()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("ORDERS", ["orders.>"]));
        Assert.Equal("ORDERS", stream.Info.Config.Name);
        Assert.Equal(-1, stream.Info.Config.MaxMsgs);
        Assert.Equal(TimeSpan.FromMinutes(2), stream.Info.Config.DuplicateWindow);

        for (var i = 1; i <= 3; i++)
        {
            var ack = await js.PublishAsync($"orders.{i}", $"order {i}");
            ack.EnsureSuccess();
            Assert.Equal((ulong)i, ack.Seq);
            Assert.Equal("ORDERS", ack.Stream);
        }

        await stream.RefreshAsync();
        Assert.Equal(3L, stream.Info.State.Messages);
        Assert.Equal(1ul, stream.Info.State.FirstSeq);
        Assert.Equal(3ul, stream.Info.State.LastSeq);

        var names = new List<string>();
        await foreach (var name in js.ListStreamNamesAsync())
        {
            names.Add(name);
        }

        Assert.Contains("ORDERS", names);
    }

    [Fact]
    public async Task Three_replicas_are_accepted_and_echoed()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("TRIPLE", ["triple.>"]) { NumReplicas = 3 });
        Assert.Equal(3, stream.Info.Config.NumReplicas);
        var consumer = await js.CreateOrUpdateConsumerAsync("TRIPLE", new ConsumerConfig("c3") { NumReplicas = 3 });
        Assert.Equal(3, consumer.Info.Config.NumReplicas);
        (await js.PublishAsync("triple.a", "x")).EnsureSuccess();
    }

    [Fact]
    public async Task Duplicate_msg_id_gets_the_original_sequence_and_is_not_stored_twice()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("DEDUPE", ["dedupe.>"]));
        var first = await js.PublishAsync("dedupe.a", "one", opts: new NatsJSPubOpts { MsgId = "m1" });
        var again = await js.PublishAsync("dedupe.a", "one", opts: new NatsJSPubOpts { MsgId = "m1" });
        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Seq, again.Seq);
        await stream.RefreshAsync();
        Assert.Equal(1L, stream.Info.State.Messages);
    }

    [Fact]
    public async Task Expected_last_sequence_mismatch_is_refused_with_nats_servers_error()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("EXPECT", ["expect.>"]));
        await js.PublishAsync("expect.a", "x");
        var refused = await js.PublishAsync("expect.a", "y", opts: new NatsJSPubOpts { ExpectedLastSequence = 5 });
        Assert.NotNull(refused.Error);
        Assert.Equal(10071, refused.Error!.ErrCode);
        Assert.Equal("wrong last sequence: 1", refused.Error.Description);
    }

    [Fact]
    public async Task Messages_are_read_back_by_sequence_and_by_last_subject_and_deleted()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("GETS", ["gets.>"]) { AllowDirect = true });
        await js.PublishAsync("gets.a", "a1");
        await js.PublishAsync("gets.b", "b1");
        await js.PublishAsync("gets.a", "a2");

        var bySeq = await stream.GetAsync(new StreamMsgGetRequest { Seq = 2 });
        Assert.Equal("gets.b", bySeq.Message.Subject);
        var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = "gets.a" });
        Assert.Equal(3ul, last.Message.Seq);

        await stream.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = 1 });
        await stream.RefreshAsync();
        Assert.Equal(2L, stream.Info.State.Messages);
        await Assert.ThrowsAsync<NatsJSApiException>(async () => await stream.GetAsync(new StreamMsgGetRequest { Seq = 1 }));
    }

    [Fact]
    public async Task Purge_by_filter_keeps_other_subjects()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("PURGED", ["purged.>"]));
        await js.PublishAsync("purged.a", "1");
        await js.PublishAsync("purged.b", "2");
        await js.PublishAsync("purged.a", "3");
        var purged = await stream.PurgeAsync(new StreamPurgeRequest { Filter = "purged.a" });
        Assert.Equal(2L, (long)purged.Purged);
        await stream.RefreshAsync();
        Assert.Equal(1L, stream.Info.State.Messages);
    }

    [Fact]
    public async Task Max_msgs_per_subject_keeps_only_the_newest_per_subject()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("PERSUBJ", ["persubj.>"]) { MaxMsgsPerSubject = 2 });
        for (var i = 0; i < 5; i++)
        {
            await js.PublishAsync("persubj.k", $"v{i}");
        }

        await stream.RefreshAsync();
        Assert.Equal(2L, stream.Info.State.Messages);
        Assert.Equal(4ul, stream.Info.State.FirstSeq);
    }

    [Fact]
    public async Task Stream_subjects_overlapping_another_stream_are_refused()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("OVERLAP1", ["overlap.>"]));
        var error = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.CreateStreamAsync(new StreamConfig("OVERLAP2", ["overlap.a"])));
        Assert.Equal(10065, error.Error.ErrCode);
    }

    [Fact]
    public async Task Publish_on_one_gateway_is_stored_and_read_on_the_other()
    {
        var (ncA, jsA) = await broker.JetStreamAsync();
        var (ncB, jsB) = await broker.JetStreamAsync(toB: true);
        await using var a = ncA;
        await using var b = ncB;
        await jsA.CreateStreamAsync(new StreamConfig("CROSS", ["cross.>"]));
        var ack = await jsB.PublishAsync("cross.x", "from b");
        ack.EnsureSuccess();
        var stream = await jsA.GetStreamAsync("CROSS");
        var msg = await stream.GetAsync(new StreamMsgGetRequest { Seq = ack.Seq });
        Assert.Equal("cross.x", msg.Message.Subject);
    }

    [Fact]
    public async Task Deleted_stream_is_gone_from_the_names()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("GONE", ["gone.>"]));
        Assert.True(await js.DeleteStreamAsync("GONE"));
        var error = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.GetStreamAsync("GONE"));
        Assert.Equal(10059, error.Error.ErrCode);
    }

    [Fact]
    public async Task Stream_deleted_right_after_a_publish_answers_and_comes_back_empty()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("REBORN", ["reborn.>"]));
        await js.PublishAsync("reborn.a", "old");
        Assert.True(await js.DeleteStreamAsync("REBORN"));

        var again = await js.CreateStreamAsync(new StreamConfig("REBORN", ["reborn.>"]));
        Assert.Equal(0L, again.Info.State.Messages);
        Assert.Equal(1ul, (await js.PublishAsync("reborn.a", "new")).Seq);
        var first = await again.GetAsync(new StreamMsgGetRequest { Seq = 1 });
        Assert.Equal("new", System.Text.Encoding.UTF8.GetString(first.Message.Data.Span));
    }
}
