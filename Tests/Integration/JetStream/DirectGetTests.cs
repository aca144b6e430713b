using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// DIRECT.GET through NATS.Net's GetDirectAsync and raw requests (spec/jetstream.md §2.7): the
/// stored message with the Nats-* headers appended, the subject form, statuses, and silence
/// without allow_direct.
public sealed class DirectGetTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    private static readonly NatsSubOpts ShortWait = new() { Timeout = TimeSpan.FromMilliseconds(500) };

    [Fact]
    public async Task Direct_get_by_last_subject_returns_the_message_with_stream_headers()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await CreateAsync(js, "DIRECT", "direct", allowDirect: true);

        var last = await stream.GetDirectAsync<string>(new StreamMsgGetRequest { LastBySubj = "direct.a" });
        Assert.Equal("a2", last.Data);
        Assert.Equal("DIRECT", last.Headers!["Nats-Stream"].ToString());
        Assert.Equal("direct.a", last.Headers["Nats-Subject"].ToString());
        Assert.Equal("3", last.Headers["Nats-Sequence"].ToString());
        Assert.True(DateTimeOffset.TryParse(last.Headers["Nats-Time-Stamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture, out var stamped) && stamped.Year > 2000);
    }

    [Fact]
    public async Task Direct_get_by_sequence_keeps_the_stored_headers()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        var stream = await CreateAsync(js, "DIRECTSEQ", "directseq", allowDirect: true);

        var first = await stream.GetDirectAsync<string>(new StreamMsgGetRequest { Seq = 1 });
        Assert.Equal("a1", first.Data);
        Assert.Equal("tagged", first.Headers!["X-Tag"].ToString());
        Assert.Equal("1", first.Headers["Nats-Sequence"].ToString());

        var next = await stream.GetDirectAsync<string>(new StreamMsgGetRequest { Seq = 2, NextBySubj = "directseq.a" });
        Assert.Equal("3", next.Headers!["Nats-Sequence"].ToString());
    }

    [Fact]
    public async Task Direct_get_of_nothing_answers_404_and_an_empty_request_408()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateAsync(js, "DIRECTNONE", "directnone", allowDirect: true);

        var missing = await nc.RequestAsync<string, string>("$JS.API.DIRECT.GET.DIRECTNONE", "{\"seq\":99}");
        Assert.Equal(404, missing.Headers!.Code);
        Assert.Equal("Message Not Found", missing.Headers.MessageText);

        var empty = await nc.RequestAsync<string, string>("$JS.API.DIRECT.GET.DIRECTNONE", string.Empty);
        Assert.Equal(408, empty.Headers!.Code);
        Assert.Equal("Empty Request", empty.Headers.MessageText);
    }

    [Fact]
    public async Task Direct_get_with_the_subject_in_the_request_subject_returns_its_last_message()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateAsync(js, "DIRECTSUBJ", "directsubj", allowDirect: true);

        var last = await nc.RequestAsync<string, string>("$JS.API.DIRECT.GET.DIRECTSUBJ.directsubj.b", string.Empty);
        Assert.Equal("b1", last.Data);
        Assert.Equal("2", last.Headers!["Nats-Sequence"].ToString());

        var withBody = await nc.RequestAsync<string, string>("$JS.API.DIRECT.GET.DIRECTSUBJ.directsubj.b", "{\"seq\":1}");
        Assert.Equal(408, withBody.Headers!.Code);
        Assert.Equal("Bad Request", withBody.Headers.MessageText);
    }

    [Fact]
    public async Task Direct_get_without_allow_direct_gets_no_answer()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await CreateAsync(js, "NODIRECT", "nodirect", allowDirect: false);
        await Assert.ThrowsAsync<NatsNoReplyException>(async () =>
            await nc.RequestAsync<string, string>("$JS.API.DIRECT.GET.NODIRECT", "{\"seq\":1}", replyOpts: ShortWait));
    }

    /// Messages 1 `<p>.a` a1 (header X-Tag), 2 `<p>.b` b1, 3 `<p>.a` a2.
    private static async Task<INatsJSStream> CreateAsync(INatsJSContext js, string name, string prefix, bool allowDirect)
    {
        var stream = await js.CreateStreamAsync(new StreamConfig(name, [prefix + ".*"]) { AllowDirect = allowDirect });
        (await js.PublishAsync($"{prefix}.a", "a1", headers: new NatsHeaders { ["X-Tag"] = "tagged" })).EnsureSuccess();
        (await js.PublishAsync($"{prefix}.b", "b1")).EnsureSuccess();
        (await js.PublishAsync($"{prefix}.a", "a2")).EnsureSuccess();
        return stream;
    }
}
