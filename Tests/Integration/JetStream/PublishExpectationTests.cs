using Natrium.Tests.TestKit;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// What a publisher can ask of the stream through NATS.Net's publish options (spec/jetstream.md
/// §3.2): the expected stream, last message id and last subject sequence, and Nats-Msg-Id
/// deduplication within duplicate_window only, winning over the other checks.
public sealed class PublishExpectationTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Expected_stream_must_match()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("EXPSTREAM", ["expstream"]));
        var refused = await js.PublishAsync("expstream", "x", opts: new NatsJSPubOpts { ExpectedStream = "OTHER" });
        AssertError(refused, 400, 10060, "expected stream does not match");
        (await js.PublishAsync("expstream", "x", opts: new NatsJSPubOpts { ExpectedStream = "EXPSTREAM" })).EnsureSuccess();
    }

    [Fact]
    public async Task Expected_last_subject_sequence_guards_one_subject()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("EXPSUBJ", ["expsubj.*"]));
        (await js.PublishAsync("expsubj.a", "a1", opts: new NatsJSPubOpts { ExpectedLastSubjectSequence = 0 })).EnsureSuccess();
        (await js.PublishAsync("expsubj.b", "b1")).EnsureSuccess();

        var stale = await js.PublishAsync("expsubj.a", "a2", opts: new NatsJSPubOpts { ExpectedLastSubjectSequence = 2 });
        AssertError(stale, 400, 10071, "wrong last sequence: 1");
        var fresh = await js.PublishAsync("expsubj.a", "a2", opts: new NatsJSPubOpts { ExpectedLastSubjectSequence = 1 });
        fresh.EnsureSuccess();
        Assert.Equal(3ul, fresh.Seq);
    }

    [Fact]
    public async Task Expected_last_msg_id_names_the_actual_one_when_wrong()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("EXPID", ["expid"]));
        (await js.PublishAsync("expid", "1", opts: new NatsJSPubOpts { MsgId = "first" })).EnsureSuccess();
        var wrong = await js.PublishAsync("expid", "2", opts: new NatsJSPubOpts { ExpectedLastMsgId = "other" });
        AssertError(wrong, 400, 10070, "wrong last msg ID: first");
        (await js.PublishAsync("expid", "2", opts: new NatsJSPubOpts { ExpectedLastMsgId = "first" })).EnsureSuccess();
    }

    [Fact]
    public async Task Duplicate_wins_over_a_failed_expectation()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("EXPDUP", ["expdup"]));
        var first = await js.PublishAsync("expdup", "1", opts: new NatsJSPubOpts { MsgId = "m1" });
        await js.PublishAsync("expdup", "2");
        var again = await js.PublishAsync("expdup", "1", opts: new NatsJSPubOpts { MsgId = "m1", ExpectedLastSequence = 99 });
        Assert.Null(again.Error);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Seq, again.Seq);
    }

    [Fact]
    public async Task Msg_id_stores_again_once_the_duplicate_window_passed()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await js.CreateStreamAsync(new StreamConfig("EXPWIN", ["expwin"]) { DuplicateWindow = TimeSpan.FromMilliseconds(200) });
        Assert.Equal(TimeSpan.FromMilliseconds(200), stream.Info.Config.DuplicateWindow);
        (await js.PublishAsync("expwin", "1", opts: new NatsJSPubOpts { MsgId = "m1" })).EnsureSuccess();
        Assert.True((await js.PublishAsync("expwin", "1", opts: new NatsJSPubOpts { MsgId = "m1" })).Duplicate);

        PubAckResponse? later = null;
        await Eventually.TrueAsync(
            async () =>
            {
                later = await js.PublishAsync("expwin", "1", opts: new NatsJSPubOpts { MsgId = "m1" });
                return !later.Duplicate;
            },
            "the id stores again after the 200 ms window",
            TimeSpan.FromSeconds(3));
        Assert.Equal(2ul, later!.Seq);
    }

    private static void AssertError(PubAckResponse ack, int code, int errCode, string description)
    {
        Assert.NotNull(ack.Error);
        Assert.Equal(code, ack.Error!.Code);
        Assert.Equal(errCode, ack.Error.ErrCode);
        Assert.Equal(description, ack.Error.Description);
    }
}
