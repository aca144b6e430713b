using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.JetStream;

/// Account and stream limits reached on purpose (spec/jetstream.md §3.2, §9), each in an
/// account of its own: the exact code, err_code and description 2.9.10 answers, and the
/// account's other streams unharmed.
public sealed class JetStreamLimitsTests(TenantsFixture broker) : IClassFixture<TenantsFixture>
{
    [Fact]
    public async Task Max_streams_refuses_one_more_with_10027_until_one_is_deleted()
    {
        await using var raw = await broker.RawAsync("streams");
        Assert.Contains("\"did_create\":true", await raw.ApiAsync("$JS.API.STREAM.CREATE.S1", "{\"name\":\"S1\",\"subjects\":[\"s1.>\"]}"), StringComparison.Ordinal);
        Assert.Contains("\"did_create\":true", await raw.ApiAsync("$JS.API.STREAM.CREATE.S2", "{\"name\":\"S2\",\"subjects\":[\"s2.>\"]}"), StringComparison.Ordinal);
        Assert.Equal(
            RawJetStream.Error("stream_create_response", 400, 10027, "maximum number of streams reached"),
            await raw.ApiAsync("$JS.API.STREAM.CREATE.S3", "{\"name\":\"S3\",\"subjects\":[\"s3.>\"]}"));

        Assert.Equal("{\"type\":\"io.nats.jetstream.api.v1.stream_delete_response\",\"success\":true}", await raw.ApiAsync("$JS.API.STREAM.DELETE.S1"));
        Assert.Contains("\"did_create\":true", await raw.ApiAsync("$JS.API.STREAM.CREATE.S3", "{\"name\":\"S3\",\"subjects\":[\"s3.>\"]}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_consumers_refuses_one_more_with_10026_counted_per_stream()
    {
        var (nc, js) = await broker.JetStreamAsync("consumers");
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("C1", ["c1.>"]));
        await js.CreateStreamAsync(new StreamConfig("C2", ["c2.>"]));
        foreach (var stream in new[] { "C1", "C2" })
        {
            await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig("first") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
            await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig("second") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        }

        var refused = await Assert.ThrowsAsync<NatsJSApiException>(async () =>
            await js.CreateOrUpdateConsumerAsync("C1", new ConsumerConfig("third") { AckPolicy = ConsumerConfigAckPolicy.Explicit }));
        Assert.Equal((400, 10026, "maximum consumers limit reached"), (refused.Error.Code, refused.Error.ErrCode, refused.Error.Description));
        var ephemeral = await Assert.ThrowsAsync<NatsJSApiException>(async () =>
            await js.CreateOrUpdateConsumerAsync("C1", new ConsumerConfig { AckPolicy = ConsumerConfigAckPolicy.None }));
        Assert.Equal(10026, ephemeral.Error.ErrCode);

        // A stream's own max_consumers is checked with the smaller of it and the account's.
        var tooMany = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.CreateStreamAsync(new StreamConfig("C5", ["c5.>"]) { MaxConsumers = 5 }));
        Assert.Equal(10026, tooMany.Error.ErrCode);

        // The consumers there are still there, and an existing one may be created again.
        await js.CreateOrUpdateConsumerAsync("C1", new ConsumerConfig("first") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var info = await js.GetAccountInfoAsync();
        Assert.Equal(4L, info.Consumers);
        Assert.Equal(2L, info.Limits.MaxConsumers);
    }

    [Fact]
    public async Task Reservations_beyond_max_mem_and_max_file_get_10028_and_10047()
    {
        await using var raw = await broker.RawAsync("fileonly");
        Assert.Equal(
            RawJetStream.Error("stream_create_response", 500, 10028, "insufficient memory resources available"),
            await raw.ApiAsync("$JS.API.STREAM.CREATE.MEM", "{\"name\":\"MEM\",\"subjects\":[\"mem.>\"],\"storage\":\"memory\"}"));
        Assert.Equal(
            RawJetStream.Error("stream_create_response", 500, 10047, "insufficient storage resources available"),
            await raw.ApiAsync("$JS.API.STREAM.CREATE.HUGE", "{\"name\":\"HUGE\",\"subjects\":[\"huge.>\"],\"max_bytes\":2000000}"));

        // All of max_file reserved by one stream: the next, even unlimited (1 byte), does not fit;
        // neither does an update of another stream that grows its reservation.
        Assert.Contains("\"did_create\":true", await raw.ApiAsync("$JS.API.STREAM.CREATE.ALL", "{\"name\":\"ALL\",\"subjects\":[\"all.>\"],\"max_bytes\":1000000}"), StringComparison.Ordinal);
        Assert.Equal(
            RawJetStream.Error("stream_create_response", 500, 10047, "insufficient storage resources available"),
            await raw.ApiAsync("$JS.API.STREAM.CREATE.MORE", "{\"name\":\"MORE\",\"subjects\":[\"more.>\"]}"));
        Assert.Equal("{\"type\":\"io.nats.jetstream.api.v1.stream_delete_response\",\"success\":true}", await raw.ApiAsync("$JS.API.STREAM.DELETE.ALL"));
        Assert.Contains("\"did_create\":true", await raw.ApiAsync("$JS.API.STREAM.CREATE.MORE", "{\"name\":\"MORE\",\"subjects\":[\"more.>\"]}"), StringComparison.Ordinal);
        Assert.Equal(
            RawJetStream.Error("stream_update_response", 500, 10047, "insufficient storage resources available"),
            await raw.ApiAsync("$JS.API.STREAM.UPDATE.MORE", "{\"name\":\"MORE\",\"subjects\":[\"more.>\"],\"max_bytes\":5000000}"));
    }

    [Fact]
    public async Task Max_bytes_required_and_the_per_stream_cap_refuse_streams_and_max_ack_pending_becomes_the_default()
    {
        await using var raw = await broker.RawAsync("strict");
        Assert.Equal(
            RawJetStream.Error("stream_create_response", 400, 10113, "account requires a stream config to have max bytes set"),
            await raw.ApiAsync("$JS.API.STREAM.CREATE.R", "{\"name\":\"R\",\"subjects\":[\"r.>\"]}"));
        Assert.Equal(
            RawJetStream.Error("stream_create_response", 400, 10122, "stream max bytes exceeds account limit max stream bytes"),
            await raw.ApiAsync("$JS.API.STREAM.CREATE.R", "{\"name\":\"R\",\"subjects\":[\"r.>\"],\"max_bytes\":5001}"));
        Assert.Contains("\"max_bytes\":5000", await raw.ApiAsync("$JS.API.STREAM.CREATE.R", "{\"name\":\"R\",\"subjects\":[\"r.>\"],\"max_bytes\":5000}"), StringComparison.Ordinal);
        Assert.Contains("\"max_ack_pending\":7,", await raw.ApiAsync("$JS.API.CONSUMER.CREATE.R.c", "{\"stream_name\":\"R\",\"config\":{\"durable_name\":\"c\",\"ack_policy\":\"explicit\"}}"), StringComparison.Ordinal);
        Assert.Equal(
            RawJetStream.Error("consumer_create_response", 400, 10121, "consumer max ack pending exceeds system limit of 7"),
            await raw.ApiAsync("$JS.API.CONSUMER.CREATE.R.d", "{\"stream_name\":\"R\",\"config\":{\"durable_name\":\"d\",\"ack_policy\":\"explicit\",\"max_ack_pending\":8}}"));
    }

    [Theory]
    [InlineData("small", "file", "purge")]
    [InlineData("smallmem", "memory", "delete")]
    public async Task Account_storage_used_up_refuses_publishes_with_10002_in_every_stream(string user, string storage, string freeBy)
    {
        var (nc, js) = await broker.JetStreamAsync(user);
        await using var _ = nc;
        var type = storage == "file" ? StreamConfigStorage.File : StreamConfigStorage.Memory;
        var first = await js.CreateStreamAsync(new StreamConfig("FULL", ["full.>"]) { Storage = type });
        var payload = new string('x', 3000);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal((ulong)i, (await js.PublishAsync("full.x", payload)).Seq);
        }

        // 3 × ~3 KB of max 10000: the fourth would pass the account's limit.
        var refused = await js.PublishAsync("full.x", payload);
        Assert.Equal((400, 10002, "resource limits exceeded for account"), (refused.Error!.Code, refused.Error.ErrCode, refused.Error.Description));

        // A second stream shares the account's bytes: 2 KB more do not fit there either.
        await js.CreateStreamAsync(new StreamConfig("SPILL", ["spill.>"]) { Storage = type });
        var spilled = await js.PublishAsync("spill.x", new string('y', 2000));
        Assert.Equal(10002, spilled.Error?.ErrCode);

        // Purging or deleting the first frees the account for the other.
        if (freeBy == "purge")
        {
            await first.PurgeAsync(new StreamPurgeRequest());
        }
        else
        {
            Assert.True(await js.DeleteStreamAsync("FULL"));
        }

        await Eventually.TrueAsync(
            async () => (await js.PublishAsync("spill.x", new string('y', 2000))).Error is null,
            $"SPILL takes a message once FULL was {freeBy}d");
    }

    [Fact]
    public async Task Discard_new_limits_refuse_with_10077_and_max_msg_size_with_10054()
    {
        var (nc, js) = await broker.JetStreamAsync("a");
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("DISCARD", ["discard.>"])
        {
            Discard = StreamConfigDiscard.New,
            MaxMsgs = 2,
            MaxMsgSize = 100,
            MaxMsgsPerSubject = 1,
            DiscardNewPerSubject = true,
        });
        await js.CreateStreamAsync(new StreamConfig("DISCARD_BYTES", ["discardbytes.>"]) { Discard = StreamConfigDiscard.New, MaxBytes = 150 });

        Assert.Null((await js.PublishAsync("discard.a", "1")).Error);
        AssertError(await js.PublishAsync("discard.a", "2"), 503, 10077, "maximum messages per subject exceeded");
        Assert.Null((await js.PublishAsync("discard.b", "2")).Error);
        AssertError(await js.PublishAsync("discard.c", "3"), 503, 10077, "maximum messages exceeded");
        AssertError(await js.PublishAsync("discard.d", new string('x', 101)), 400, 10054, "message size exceeds maximum allowed");
        Assert.Null((await js.PublishAsync("discardbytes.a", new string('x', 60))).Error);
        AssertError(await js.PublishAsync("discardbytes.a", new string('x', 60)), 503, 10077, "maximum bytes exceeded");

        var stream = await js.GetStreamAsync("DISCARD");
        Assert.Equal((2L, 2ul), (stream.Info.State.Messages, stream.Info.State.LastSeq));
    }

    private static void AssertError(PubAckResponse ack, int code, int errCode, string description)
    {
        Assert.NotNull(ack.Error);
        Assert.Equal((code, errCode, description), (ack.Error.Code, ack.Error.ErrCode, ack.Error.Description));
        Assert.Equal(0ul, ack.Seq);
    }
}
