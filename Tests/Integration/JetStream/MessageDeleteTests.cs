using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// STREAM.MSG.DELETE and STREAM.MSG.GET through NATS.Net (spec/jetstream.md §2.6): deleting,
/// erasing, deleting twice or past the end, and reading around the gap.
public sealed class MessageDeleteTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Deleted_message_leaves_a_gap_that_next_by_subject_skips()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await CreateWithThreeAsync(js, "MDEL", "mdel");
        var deleted = await stream.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = 2 });
        Assert.True(deleted.Success);

        await stream.RefreshAsync();
        Assert.Equal(2L, stream.Info.State.Messages);
        Assert.Equal(1, stream.Info.State.NumDeleted);
        var missing = await Assert.ThrowsAsync<NatsJSApiException>(async () => await stream.GetAsync(new StreamMsgGetRequest { Seq = 2 }));
        Assert.Equal(404, missing.Error.Code);
        Assert.Equal(10037, missing.Error.ErrCode);
        Assert.Equal("no message found", missing.Error.Description);

        var next = await stream.GetAsync(new StreamMsgGetRequest { Seq = 2, NextBySubj = "mdel.*" });
        Assert.Equal(3ul, next.Message.Seq);
    }

    [Fact]
    public async Task Deleting_twice_or_past_the_end_fails_with_nats_servers_errors()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await CreateWithThreeAsync(js, "MDEL2", "mdel2");
        await stream.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = 2, NoErase = true });

        var twice = await Assert.ThrowsAsync<NatsJSApiException>(async () => await stream.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = 2 }));
        Assert.Equal(400, twice.Error.Code);
        Assert.Equal(10043, twice.Error.ErrCode);
        Assert.Equal("sequence 2 not found", twice.Error.Description);

        var beyond = await Assert.ThrowsAsync<NatsJSApiException>(async () => await stream.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = 99 }));
        Assert.Equal(500, beyond.Error.Code);
        Assert.Equal(10057, beyond.Error.ErrCode);
        Assert.Equal("stream store EOF", beyond.Error.Description);
    }

    [Fact]
    public async Task Deleting_the_first_message_moves_first_seq()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await CreateWithThreeAsync(js, "MDEL3", "mdel3");
        await stream.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = 1 });
        await stream.RefreshAsync();
        Assert.Equal(2ul, stream.Info.State.FirstSeq);
        Assert.Equal(0, stream.Info.State.NumDeleted);
    }

    private static async Task<INatsJSStream> CreateWithThreeAsync(INatsJSContext js, string name, string prefix)
    {
        var stream = await js.CreateStreamAsync(new StreamConfig(name, [prefix + ".*"]));
        for (var i = 1; i <= 3; i++)
        {
            (await js.PublishAsync($"{prefix}.{i}", i)).EnsureSuccess();
        }

        return stream;
    }
}
