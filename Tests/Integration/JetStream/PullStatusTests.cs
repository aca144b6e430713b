using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.JetStream;

/// The status messages a pull request gets (spec/jetstream.md §5.1, §5.3), raw for the exact
/// status lines and headers (checked on 2.9.10 with NATRIUM_REFERENCE_SERVER), and what NATS.Net
/// makes of the common ones. Every consumer here is its test's own.
public sealed class PullStatusTests(TenantsFixture broker) : IClassFixture<TenantsFixture>
{
    [Fact]
    public async Task No_wait_on_nothing_answers_404_and_expires_answers_408_with_what_is_left()
    {
        await using var raw = await broker.RawAsync("a");
        await CreateAsync(raw, "EMPTY", "idle", "");

        var none = await raw.RequestAsync("$JS.API.CONSUMER.MSG.NEXT.EMPTY.idle", """{"batch":1,"no_wait":true}""");
        Assert.Equal(("404 No Messages", "NATS/1.0 404 No Messages\r\n\r\n", ""), (none.Status, none.Headers, none.Payload));
        var negative = await raw.RequestAsync("$JS.API.CONSUMER.MSG.NEXT.EMPTY.idle", """{"batch":-1,"no_wait":true}""");
        Assert.Equal("404 No Messages", negative.Status);

        var expired = await raw.RequestAsync("$JS.API.CONSUMER.MSG.NEXT.EMPTY.idle", """{"batch":2,"expires":200000000}""");
        Assert.Equal("NATS/1.0 408 Request Timeout\r\nNats-Pending-Messages: 2\r\nNats-Pending-Bytes: 0\r\n\r\n", expired.Headers);
        var bounded = await raw.RequestAsync("$JS.API.CONSUMER.MSG.NEXT.EMPTY.idle", """{"batch":2,"expires":200000000,"max_bytes":500}""");
        Assert.Equal(("408 Request Timeout", "2", "500"), (bounded.Status, bounded.Header("Nats-Pending-Messages"), bounded.Header("Nats-Pending-Bytes")));
    }

    [Fact]
    public async Task Pulls_above_the_consumers_caps_answer_409()
    {
        await using var raw = await broker.RawAsync("a");
        await CreateAsync(raw, "CAPPED", "capped", ""","max_batch":10,"max_expires":5000000000,"max_bytes":1000""");
        const string Next = "$JS.API.CONSUMER.MSG.NEXT.CAPPED.capped";
        Assert.Equal("409 Exceeded MaxRequestBatch of 10", (await raw.RequestAsync(Next, """{"batch":11,"no_wait":true}""")).Status);
        Assert.Equal("409 Exceeded MaxRequestExpires of 5s", (await raw.RequestAsync(Next, """{"batch":1,"expires":6000000000}""")).Status);
        Assert.Equal("409 Exceeded MaxRequestMaxBytes of 1000", (await raw.RequestAsync(Next, """{"batch":1,"max_bytes":2000,"no_wait":true}""")).Status);
        var info = await raw.ApiAsync("$JS.API.CONSUMER.INFO.CAPPED.capped");
        Assert.Contains("\"num_waiting\":0,", info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_pull_bodies_answer_400_and_unparsable_ones_wait_like_a_pull_of_one()
    {
        await using var raw = await broker.RawAsync("a");
        await CreateAsync(raw, "BADPULL", "bad", "");
        const string Next = "$JS.API.CONSUMER.MSG.NEXT.BADPULL.bad";
        Assert.Equal("400 Bad Request - unexpected end of JSON input", (await raw.RequestAsync(Next, """{"batch":""")).Status);
        Assert.Equal(
            "400 Bad Request - json: cannot unmarshal string into Go struct field JSApiConsumerGetNextRequest.batch of type int",
            (await raw.RequestAsync(Next, """{"batch":"x"}""")).Status);
        Assert.Equal("400 Bad Request - heartbeat value too large", (await raw.RequestAsync(Next, """{"batch":1,"expires":1000000000,"idle_heartbeat":800000000}""")).Status);

        // Neither JSON nor a positive number: no answer, 2.9.10 queues them as pulls of one
        // without expiry, and the next message goes to the first of them.
        await raw.ExpectSilenceAsync(Next, "garbage");
        await raw.ExpectSilenceAsync(Next, "-5");
        Assert.Contains("\"num_waiting\":2,", await raw.ApiAsync("$JS.API.CONSUMER.INFO.BADPULL.bad"), StringComparison.Ordinal);

        // A delivered message goes to the pull's reply, but its MSG line names the stored subject.
        await raw.SendAsync("PUB badpull.x 10\r\nstill here\r\n");
        var msg = await raw.ExpectMessageAsync("badpull.x");
        Assert.Equal("still here", msg.Payload);
        Assert.StartsWith("$JS.ACK.BADPULL.bad.1.1.1.", msg.Reply, StringComparison.Ordinal);
        Assert.Contains("\"num_waiting\":1,", await raw.ApiAsync("$JS.API.CONSUMER.INFO.BADPULL.bad"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_bytes_below_the_next_message_answers_409_with_what_is_left()
    {
        await using var raw = await broker.RawAsync("a");
        await CreateAsync(raw, "BYTES", "bytes", "");
        await raw.RequestAsync("bytes.x", new string('m', 100));

        var refused = await raw.RequestAsync("$JS.API.CONSUMER.MSG.NEXT.BYTES.bytes", """{"batch":5,"max_bytes":50,"expires":300000000}""");
        Assert.Equal("NATS/1.0 409 Message Size Exceeds MaxBytes\r\nNats-Pending-Messages: 5\r\nNats-Pending-Bytes: 50\r\n\r\n", refused.Headers);
    }

    [Fact]
    public async Task No_wait_batch_larger_than_the_backlog_delivers_it_then_408_and_an_exact_batch_ends_silently()
    {
        await using var raw = await broker.RawAsync("a");
        await CreateAsync(raw, "BATCHES", "short", "");
        await CreateAsync(raw, "BATCHES", "exact", "");
        for (var i = 1; i <= 3; i++)
        {
            await raw.RequestAsync("batches.x", "m" + i);
        }

        // Delivered messages name their stored subject on the MSG line; statuses the reply.
        var reply = await raw.SendRequestAsync("$JS.API.CONSUMER.MSG.NEXT.BATCHES.short", """{"batch":5,"no_wait":true}""");
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal("m" + i, (await raw.ExpectMessageAsync("batches.x")).Payload);
        }

        var end = await raw.ExpectMessageAsync(reply);
        Assert.Equal("NATS/1.0 408 Request Timeout\r\nNats-Pending-Messages: 2\r\nNats-Pending-Bytes: 0\r\n\r\n", end.Headers);

        // Filled exactly: no status follows, not even once its expiry has passed (a later pull
        // with a longer expiry times out first).
        var exact = await raw.SendRequestAsync("$JS.API.CONSUMER.MSG.NEXT.BATCHES.exact", """{"batch":3,"expires":200000000}""");
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal("m" + i, (await raw.ExpectMessageAsync("batches.x")).Payload);
        }

        var later = await raw.SendRequestAsync("$JS.API.CONSUMER.MSG.NEXT.BATCHES.exact", """{"batch":1,"expires":300000000}""");
        var next = await raw.ExpectMessageAsync(s => s == exact || s == later);
        Assert.Equal((later, "408 Request Timeout"), (next.Subject, next.Status));
    }

    [Fact]
    public async Task Pulls_beyond_max_waiting_deleted_consumers_and_push_consumers_answer_409()
    {
        await using var raw = await broker.RawAsync("a");
        await CreateAsync(raw, "WAITING", "one", ""","max_waiting":1""");
        var waiting = await raw.SendRequestAsync("$JS.API.CONSUMER.MSG.NEXT.WAITING.one", """{"batch":1,"expires":5000000000}""");
        var refused = await raw.RequestAsync("$JS.API.CONSUMER.MSG.NEXT.WAITING.one", """{"batch":1,"expires":5000000000}""");
        Assert.Equal("409 Exceeded MaxWaiting", refused.Status);

        // 2.9.10 tells the waiting pull before it answers the delete; either order will do.
        var delete = await raw.SendRequestAsync("$JS.API.CONSUMER.DELETE.WAITING.one");
        var answers = new Dictionary<string, RawMessage>();
        for (var i = 0; i < 2; i++)
        {
            var answer = await raw.ExpectMessageAsync(s => s == delete || s == waiting);
            answers[answer.Subject] = answer;
        }

        Assert.Equal("409 Consumer Deleted", answers[waiting].Status);
        Assert.Contains("\"success\":true", answers[delete].Payload, StringComparison.Ordinal);

        await CreateAsync(raw, "WAITING", "pushed", ",\"deliver_subject\":\"pushed.here\"");
        Assert.Equal("409 Consumer is push based", (await raw.RequestAsync("$JS.API.CONSUMER.MSG.NEXT.WAITING.pushed", """{"batch":1}""")).Status);
    }

    [Fact]
    public async Task NATS_Net_fetches_end_on_404_and_408_without_errors()
    {
        var (nc, js) = await broker.JetStreamAsync("b", toB: true);
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("FETCHED", ["fetched.>"]));
        var consumer = await js.CreateOrUpdateConsumerAsync("FETCHED", new ConsumerConfig("fetcher") { AckPolicy = ConsumerConfigAckPolicy.Explicit });

        Assert.Empty(await DrainAsync(consumer.FetchNoWaitAsync<string>(new NatsJSFetchOpts { MaxMsgs = 5 })));

        // NATS.Net accepts no expiry under 1 s.
        Assert.Null(await consumer.NextAsync<string>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(1.1) }));

        await js.PublishAsync("fetched.a", "1");
        await js.PublishAsync("fetched.b", "2");
        await js.PublishAsync("fetched.c", "3");
        Assert.Equal(["1", "2"], await DrainAsync(consumer.FetchAsync<string>(new NatsJSFetchOpts { MaxMsgs = 2, Expires = TimeSpan.FromSeconds(5) })));
        Assert.Equal(["3"], await DrainAsync(consumer.FetchNoWaitAsync<string>(new NatsJSFetchOpts { MaxMsgs = 5 })));
        Assert.Equal(3, (await js.GetConsumerAsync("FETCHED", "fetcher")).Info.NumAckPending);
    }

    private static async Task CreateAsync(RawClient raw, string stream, string consumer, string extra)
    {
        var created = await raw.ApiAsync($"$JS.API.STREAM.CREATE.{stream}", $$"""{"name":"{{stream}}","subjects":["{{stream.ToLowerInvariant()}}.>"]}""");
        Assert.Contains("\"did_create\":true", created, StringComparison.Ordinal);
        var answer = await raw.ApiAsync(
            $"$JS.API.CONSUMER.CREATE.{stream}.{consumer}",
            $$$"""{"stream_name":"{{{stream}}}","config":{"durable_name":"{{{consumer}}}","ack_policy":"explicit"{{{extra}}}}}""");
        Assert.True(answer.Contains("consumer_create_response\",\"stream_name\"", StringComparison.Ordinal), answer);
    }

    private static async Task<List<string?>> DrainAsync(IAsyncEnumerable<NATS.Client.JetStream.INatsJSMsg<string>> messages)
    {
        var data = new List<string?>();
        await foreach (var msg in messages)
        {
            data.Add(msg.Data);
        }

        return data;
    }
}
