using Natrium.Tests.TestKit;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// A stream's own limits through NATS.Net (spec/jetstream.md §2.2, §3.2–§3.3): max_age,
/// max_msgs and max_bytes with discard old and new, per-subject discard new, max_msg_size, and
/// limits lowered by an update. Account limits are elsewhere.
public sealed class StreamLimitTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Messages_older_than_max_age_expire()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("AGED", ["aged.>"]) { MaxAge = TimeSpan.FromSeconds(1) });
        Assert.Equal(TimeSpan.FromSeconds(1), stream.Info.Config.DuplicateWindow);
        (await js.PublishAsync("aged.a", "1")).EnsureSuccess();
        (await js.PublishAsync("aged.b", "2")).EnsureSuccess();

        await Eventually.TrueAsync(
            async () =>
            {
                await stream.RefreshAsync();
                return stream.Info.State.Messages == 0;
            },
            "both messages expired after max_age 1 s",
            TimeSpan.FromSeconds(5));
        Assert.Equal(3ul, stream.Info.State.FirstSeq);
        Assert.Equal(2ul, stream.Info.State.LastSeq);
    }

    [Fact]
    public async Task Max_msgs_with_discard_old_evicts_the_oldest()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("MSGOLD", ["msgold.>"]) { MaxMsgs = 3 });
        for (var i = 1; i <= 5; i++)
        {
            (await js.PublishAsync("msgold.x", i)).EnsureSuccess();
        }

        await stream.RefreshAsync();
        Assert.Equal(3L, stream.Info.State.Messages);
        Assert.Equal(3ul, stream.Info.State.FirstSeq);
        Assert.Equal(5ul, stream.Info.State.LastSeq);
    }

    [Fact]
    public async Task Max_msgs_with_discard_new_refuses_the_next_message()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("MSGNEW", ["msgnew.>"]) { MaxMsgs = 2, Discard = StreamConfigDiscard.New });
        (await js.PublishAsync("msgnew.x", 1)).EnsureSuccess();
        (await js.PublishAsync("msgnew.x", 2)).EnsureSuccess();
        var refused = await js.PublishAsync("msgnew.x", 3);
        AssertError(refused, 503, 10077, "maximum messages exceeded");

        await stream.RefreshAsync();
        Assert.Equal(2L, stream.Info.State.Messages);
        Assert.Equal(2ul, stream.Info.State.LastSeq);
    }

    [Fact]
    public async Task Max_bytes_with_discard_old_evicts_until_the_bytes_fit()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;

        // A file-store record is 22 + subject + payload + 8 bytes (§3.4): 4 + 10 → 44.
        var stream = await js.CreateStreamAsync(new StreamConfig("BYTEOLD", ["bold"]) { MaxBytes = 100 });
        for (var i = 0; i < 4; i++)
        {
            (await js.PublishAsync("bold", new string((char)('a' + i), 10))).EnsureSuccess();
        }

        await stream.RefreshAsync();
        Assert.Equal(2L, stream.Info.State.Messages);
        Assert.Equal(88L, (long)stream.Info.State.Bytes);
        Assert.Equal(3ul, stream.Info.State.FirstSeq);
    }

    [Fact]
    public async Task Max_bytes_with_discard_new_refuses_what_does_not_fit()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("BYTENEW", ["bnew"]) { MaxBytes = 100, Discard = StreamConfigDiscard.New });
        (await js.PublishAsync("bnew", new string('x', 60))).EnsureSuccess();
        var refused = await js.PublishAsync("bnew", new string('y', 60));
        AssertError(refused, 503, 10077, "maximum bytes exceeded");

        await stream.RefreshAsync();
        Assert.Equal(1L, stream.Info.State.Messages);
    }

    [Fact]
    public async Task Discard_new_per_subject_refuses_a_full_subject_only()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("PERSUBJNEW", ["psn.>"])
        {
            MaxMsgsPerSubject = 1,
            Discard = StreamConfigDiscard.New,
            DiscardNewPerSubject = true,
        });
        (await js.PublishAsync("psn.a", 1)).EnsureSuccess();
        AssertError(await js.PublishAsync("psn.a", 2), 503, 10077, "maximum messages per subject exceeded");
        (await js.PublishAsync("psn.b", 3)).EnsureSuccess();
    }

    [Fact]
    public async Task Max_msg_size_counts_headers_and_payload()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("MSGSIZE", ["msgsize"]) { MaxMsgSize = 16 });
        Assert.Equal(16, stream.Info.Config.MaxMsgSize);
        (await js.PublishAsync("msgsize", new string('x', 16))).EnsureSuccess();
        AssertError(await js.PublishAsync("msgsize", new string('x', 17)), 400, 10054, "message size exceeds maximum allowed");

        // 8 bytes of payload fit alone; with a header block the whole is too big.
        var withHeader = await js.PublishAsync("msgsize", "12345678", headers: new NatsHeaders { ["X-Pad"] = "p" });
        AssertError(withHeader, 400, 10054, "message size exceeds maximum allowed");

        await stream.RefreshAsync();
        Assert.Equal(1L, stream.Info.State.Messages);
    }

    [Fact]
    public async Task Update_lowering_max_msgs_evicts_at_once_and_raising_it_admits_more()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var config = new StreamConfig("LOWERED", ["lowered.>"]) { MaxMsgs = 10, Discard = StreamConfigDiscard.New };
        await js.CreateStreamAsync(config);
        for (var i = 1; i <= 5; i++)
        {
            (await js.PublishAsync("lowered.x", i)).EnsureSuccess();
        }

        var lowered = await js.UpdateStreamAsync(config with { MaxMsgs = 2 });
        Assert.Equal(2L, lowered.Info.Config.MaxMsgs);
        Assert.Equal(2L, lowered.Info.State.Messages);
        Assert.Equal(4ul, lowered.Info.State.FirstSeq);
        AssertError(await js.PublishAsync("lowered.x", 6), 503, 10077, "maximum messages exceeded");

        await js.UpdateStreamAsync(config with { MaxMsgs = 3 });
        (await js.PublishAsync("lowered.x", 7)).EnsureSuccess();
        var stream = await js.GetStreamAsync("LOWERED");
        Assert.Equal(3L, stream.Info.State.Messages);
        Assert.Equal(6ul, stream.Info.State.LastSeq);
    }

    private static void AssertError(PubAckResponse ack, int code, int errCode, string description)
    {
        Assert.NotNull(ack.Error);
        Assert.Equal(code, ack.Error!.Code);
        Assert.Equal(errCode, ack.Error.ErrCode);
        Assert.Equal(description, ack.Error.Description);
    }
}
