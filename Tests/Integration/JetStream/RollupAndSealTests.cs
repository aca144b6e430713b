using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// What a stream lets clients remove (spec/jetstream.md §2.2, §2.4, §2.6, §3.2–§3.3): Nats-Rollup
/// with and without allow_rollup_hdrs, deny_delete and deny_purge (one-way), and sealing by
/// update, after which nothing changes.
public sealed class RollupAndSealTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Rollup_sub_keeps_only_the_new_message_of_its_subject()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("ROLLSUB", ["rollsub.>"]) { AllowRollupHdrs = true });
        await js.PublishAsync("rollsub.a", "a1");
        await js.PublishAsync("rollsub.b", "b1");
        await js.PublishAsync("rollsub.a", "a2");
        var ack = await js.PublishAsync("rollsub.a", "a3", headers: new NatsHeaders { ["Nats-Rollup"] = "sub" });
        ack.EnsureSuccess();
        Assert.Equal(4ul, ack.Seq);

        await stream.RefreshAsync();
        Assert.Equal(2L, stream.Info.State.Messages);
        Assert.Equal(2ul, stream.Info.State.FirstSeq);
        var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = "rollsub.a" });
        Assert.Equal(4ul, last.Message.Seq);
        var other = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = "rollsub.b" });
        Assert.Equal(2ul, other.Message.Seq);
    }

    [Fact]
    public async Task Rollup_all_keeps_only_the_new_message_in_the_stream()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("ROLLALL", ["rollall.>"]) { AllowRollupHdrs = true });
        await js.PublishAsync("rollall.a", "a1");
        await js.PublishAsync("rollall.b", "b1");
        (await js.PublishAsync("rollall.c", "snapshot", headers: new NatsHeaders { ["Nats-Rollup"] = "all" })).EnsureSuccess();

        await stream.RefreshAsync();
        Assert.Equal(1L, stream.Info.State.Messages);
        Assert.Equal(3ul, stream.Info.State.FirstSeq);
    }

    [Fact]
    public async Task Rollup_without_allow_rollup_hdrs_is_refused()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("NOROLL", ["noroll.>"]));
        await js.PublishAsync("noroll.a", "a1");
        var refused = await js.PublishAsync("noroll.a", "a2", headers: new NatsHeaders { ["Nats-Rollup"] = "sub" });
        Assert.NotNull(refused.Error);
        Assert.Equal(500, refused.Error!.Code);
        Assert.Equal(10111, refused.Error.ErrCode);
        Assert.Equal("rollup not permitted", refused.Error.Description);
        await stream.RefreshAsync();
        Assert.Equal(1L, stream.Info.State.Messages);
    }

    [Fact]
    public async Task Deny_delete_refuses_message_deletes_and_cannot_be_cleared()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var config = new StreamConfig("NODELETE", ["nodelete.>"]) { DenyDelete = true };
        var stream = await js.CreateStreamAsync(config);
        await js.PublishAsync("nodelete.a", "kept");
        var error = await Assert.ThrowsAsync<NatsJSApiException>(async () => await stream.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = 1 }));
        Assert.Equal(500, error.Error.Code);
        Assert.Equal(10057, error.Error.ErrCode);
        Assert.Equal("message delete not permitted", error.Error.Description);

        var cleared = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.UpdateStreamAsync(config with { DenyDelete = false }));
        Assert.Equal(500, cleared.Error.Code);
        Assert.Equal(10052, cleared.Error.ErrCode);
        Assert.Equal("stream configuration update can not cancel deny message deletes", cleared.Error.Description);
    }

    [Fact]
    public async Task Deny_purge_refuses_purges()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("NOPURGE", ["nopurge.>"]) { DenyPurge = true });
        await js.PublishAsync("nopurge.a", "kept");
        var error = await Assert.ThrowsAsync<NatsJSApiException>(async () => await stream.PurgeAsync(new StreamPurgeRequest()));
        Assert.Equal(500, error.Error.Code);
        Assert.Equal(10110, error.Error.ErrCode);
        Assert.Equal("stream purge not permitted", error.Error.Description);
        await stream.RefreshAsync();
        Assert.Equal(1L, stream.Info.State.Messages);
    }

    [Fact]
    public async Task Sealed_stream_refuses_publishes_deletes_and_purges_and_stays_sealed()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var config = new StreamConfig("SEALED", ["sealed.>"]) { AllowRollupHdrs = true, MaxAge = TimeSpan.FromHours(1) };
        await js.CreateStreamAsync(config);
        await js.PublishAsync("sealed.a", "1");
        await js.PublishAsync("sealed.a", "2");

        var sealedStream = await js.UpdateStreamAsync(config with { Sealed = true });
        Assert.True(sealedStream.Info.Config.Sealed);
        Assert.True(sealedStream.Info.Config.DenyDelete);
        Assert.True(sealedStream.Info.Config.DenyPurge);
        Assert.Equal(StreamConfigDiscard.New, sealedStream.Info.Config.Discard);

        var publish = await js.PublishAsync("sealed.a", "3");
        AssertSealed(publish.Error);
        AssertSealed((await Assert.ThrowsAsync<NatsJSApiException>(async () => await sealedStream.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = 1 }))).Error);
        AssertSealed((await Assert.ThrowsAsync<NatsJSApiException>(async () => await sealedStream.PurgeAsync(new StreamPurgeRequest()))).Error);

        var unseal = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.UpdateStreamAsync(sealedStream.Info.Config with { Sealed = false }));
        Assert.Equal(10052, unseal.Error.ErrCode);
        Assert.Equal("stream configuration update can not unseal a sealed stream", unseal.Error.Description);

        await sealedStream.RefreshAsync();
        Assert.Equal(2L, sealedStream.Info.State.Messages);
    }

    [Fact]
    public async Task Stream_cannot_be_created_sealed()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var error = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.CreateStreamAsync(new StreamConfig("BORNSEALED", ["bornsealed"]) { Sealed = true }));
        Assert.Equal(500, error.Error.Code);
        Assert.Equal(10052, error.Error.ErrCode);
        Assert.Equal("stream configuration for create can not be sealed", error.Error.Description);
    }

    private static void AssertSealed(ApiError? error)
    {
        Assert.NotNull(error);
        Assert.Equal(400, error!.Code);
        Assert.Equal(10109, error.ErrCode);
        Assert.Equal("invalid operation on sealed stream", error.Description);
    }
}
