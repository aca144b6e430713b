using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace Natrium.Tests.Integration.JetStream;

/// Two tenants with JetStream and one without try to reach each other's streams
/// (spec/jetstream.md §9): streams, consumers, acks, direct gets, deliver subjects and API
/// counters are the account's own; A's names mean nothing in B, even when B owns the same ones.
/// B connects to the other gateway wherever that makes no difference to the answer.
public sealed class TenantIsolationTests(TenantsFixture broker) : IClassFixture<TenantsFixture>
{
    [Fact]
    public async Task Same_stream_name_in_two_accounts_keeps_messages_names_and_usage_apart()
    {
        var (ncA, jsA) = await broker.JetStreamAsync("a");
        var (ncB, jsB) = await broker.JetStreamAsync("b", toB: true);
        await using var a = ncA;
        await using var b = ncB;
        await jsA.CreateStreamAsync(new StreamConfig("TWIN", ["twin.>"]));
        await jsA.CreateStreamAsync(new StreamConfig("TWIN_A_ONLY", ["twinonly.>"]));
        await jsB.CreateStreamAsync(new StreamConfig("TWIN", ["twin.*"]));

        Assert.Equal(1ul, (await jsA.PublishAsync("twin.x", "from a")).Seq);
        Assert.Equal(2ul, (await jsA.PublishAsync("twin.y", "from a again")).Seq);
        Assert.Equal(1ul, (await jsB.PublishAsync("twin.x", "from b")).Seq);

        var streamA = await jsA.GetStreamAsync("TWIN");
        var streamB = await jsB.GetStreamAsync("TWIN");
        Assert.Equal(2L, streamA.Info.State.Messages);
        Assert.Equal(1L, streamB.Info.State.Messages);
        Assert.Equal(["twin.>"], streamA.Info.Config.Subjects);
        Assert.Equal(["twin.*"], streamB.Info.Config.Subjects);
        Assert.Equal("from a", Encoding.UTF8.GetString((await streamA.GetAsync(new StreamMsgGetRequest { Seq = 1 })).Message.Data.Span));
        Assert.Equal("from b", Encoding.UTF8.GetString((await streamB.GetAsync(new StreamMsgGetRequest { Seq = 1 })).Message.Data.Span));

        Assert.Equal(["TWIN"], await NamesAsync(jsB));
        Assert.Equal(["TWIN", "TWIN_A_ONLY"], (await NamesAsync(jsA)).Order(StringComparer.Ordinal));
        var listedByB = new List<StreamInfo>();
        await foreach (var stream in jsB.ListStreamsAsync())
        {
            listedByB.Add(stream.Info);
        }

        Assert.Equal(1L, Assert.Single(listedByB).State.Messages);

        var infoA = await jsA.GetAccountInfoAsync();
        var infoB = await jsB.GetAccountInfoAsync();
        Assert.Equal(2L, infoA.Streams);
        Assert.Equal(1L, infoB.Streams);
        Assert.Equal(streamB.Info.State.Bytes, (long)infoB.Storage);
        Assert.True(infoA.Storage > infoB.Storage, $"A stores more than B ({infoA.Storage} vs {infoB.Storage})");
    }

    [Fact]
    public async Task Another_account_cannot_read_change_or_delete_a_stream_or_its_consumers()
    {
        var (ncA, jsA) = await broker.JetStreamAsync("a");
        await using var _ = ncA;
        await jsA.CreateStreamAsync(new StreamConfig("SECRET", ["secret.>"]) { AllowDirect = true });
        await jsA.PublishAsync("secret.x", "for a only");
        await jsA.CreateOrUpdateConsumerAsync("SECRET", new ConsumerConfig("reader") { AckPolicy = ConsumerConfigAckPolicy.Explicit });

        await using var b = await broker.RawAsync("b", toB: true);
        const string NotFound = "{\"code\":404,\"err_code\":10059,\"description\":\"stream not found\"}";
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.stream_info_response\",\"error\":{NotFound},\"total\":0,\"offset\":0,\"limit\":0}}", await b.ApiAsync("$JS.API.STREAM.INFO.SECRET"));
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.stream_delete_response\",\"error\":{NotFound}}}", await b.ApiAsync("$JS.API.STREAM.DELETE.SECRET"));
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.stream_purge_response\",\"error\":{NotFound},\"purged\":0}}", await b.ApiAsync("$JS.API.STREAM.PURGE.SECRET"));
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.stream_update_response\",\"error\":{NotFound}}}", await b.ApiAsync("$JS.API.STREAM.UPDATE.SECRET", "{\"name\":\"SECRET\",\"subjects\":[\"secret.>\"]}"));
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.stream_msg_get_response\",\"error\":{NotFound}}}", await b.ApiAsync("$JS.API.STREAM.MSG.GET.SECRET", "{\"seq\":1}"));
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.stream_msg_delete_response\",\"error\":{NotFound}}}", await b.ApiAsync("$JS.API.STREAM.MSG.DELETE.SECRET", "{\"seq\":1}"));
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.consumer_info_response\",\"error\":{NotFound}}}", await b.ApiAsync("$JS.API.CONSUMER.INFO.SECRET.reader"));
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.consumer_delete_response\",\"error\":{NotFound}}}", await b.ApiAsync("$JS.API.CONSUMER.DELETE.SECRET.reader"));
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.consumer_names_response\",\"error\":{NotFound},\"total\":0,\"offset\":0,\"limit\":0,\"consumers\":[]}}", await b.ApiAsync("$JS.API.CONSUMER.NAMES.SECRET"));
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.consumer_list_response\",\"error\":{NotFound},\"total\":0,\"offset\":0,\"limit\":0,\"consumers\":[]}}", await b.ApiAsync("$JS.API.CONSUMER.LIST.SECRET"));
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.consumer_create_response\",\"error\":{NotFound}}}", await b.ApiAsync("$JS.API.CONSUMER.CREATE.SECRET.thief", "{\"stream_name\":\"SECRET\",\"config\":{\"durable_name\":\"thief\"}}"));

        // Pulls and direct gets have no subscriber in B: silence, as in nats-server.
        await b.ExpectSilenceAsync("$JS.API.CONSUMER.MSG.NEXT.SECRET.reader", "{\"batch\":1,\"no_wait\":true}");
        await b.ExpectSilenceAsync("$JS.API.DIRECT.GET.SECRET", "{\"seq\":1}");

        var stream = await jsA.GetStreamAsync("SECRET");
        Assert.Equal(1L, stream.Info.State.Messages);
        Assert.Equal(1, stream.Info.State.ConsumerCount);
        var consumer = await jsA.GetConsumerAsync("SECRET", "reader");
        Assert.Equal(1ul, consumer.Info.NumPending);
        Assert.Equal(0, consumer.Info.NumWaiting);
    }

    [Fact]
    public async Task Acks_published_in_another_account_do_nothing_to_the_consumer()
    {
        var (ncA, jsA) = await broker.JetStreamAsync("a");
        var (ncB, jsB) = await broker.JetStreamAsync("b", toB: true);
        await using var a = ncA;
        await using var b = ncB;
        await jsA.CreateStreamAsync(new StreamConfig("ACKED", ["acked.>"]));
        await jsA.PublishAsync("acked.1", "one");
        var consumer = await jsA.CreateOrUpdateConsumerAsync("ACKED", new ConsumerConfig("worker") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        var delivered = await consumer.NextAsync<string>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(5) });
        Assert.NotNull(delivered);
        var ackSubject = delivered.ReplyTo!;
        Assert.StartsWith("$JS.ACK.ACKED.worker.1.1.1.", ackSubject, StringComparison.Ordinal);

        // B has neither the stream nor the consumer: its ack has no responder (503).
        await using (var raw = await broker.RawAsync("b", toB: true))
        {
            var answer = await raw.RequestAsync(ackSubject, "+ACK");
            Assert.Equal("503", answer.Status);
        }

        // B owns a stream and a consumer of the same names: the ack is B's business only.
        await jsB.CreateStreamAsync(new StreamConfig("ACKED", ["acked.>"]));
        await jsB.CreateOrUpdateConsumerAsync("ACKED", new ConsumerConfig("worker") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        // With a reply, each ack is answered (empty) once B's consumer has taken it.
        await using (var raw = await broker.RawAsync("b", toB: true))
        {
            foreach (var body in new[] { "+ACK", "+TERM", "-NAK", "+WPI" })
            {
                var answer = await raw.RequestAsync(ackSubject, body);
                Assert.Equal(("", ""), (answer.Headers, answer.Payload));
            }
        }

        var info = (await jsA.GetConsumerAsync("ACKED", "worker")).Info;
        Assert.Equal(1, info.NumAckPending);
        Assert.Equal(0ul, info.AckFloor.StreamSeq);

        // The ack subject was a real one: A's own ack moves the floor.
        await delivered.AckAsync(new AckOpts { DoubleAck = true });
        Assert.Equal(1ul, (await jsA.GetConsumerAsync("ACKED", "worker")).Info.AckFloor.StreamSeq);
    }

    [Fact]
    public async Task Direct_get_from_another_account_reaches_only_its_own_stream()
    {
        var (ncA, jsA) = await broker.JetStreamAsync("a");
        var (ncB, jsB) = await broker.JetStreamAsync("b");
        await using var a = ncA;
        await using var b = ncB;
        await jsA.CreateStreamAsync(new StreamConfig("DIRECTS", ["directs.>"]) { AllowDirect = true });
        await jsA.CreateStreamAsync(new StreamConfig("DIRECT_A_ONLY", ["directonly.>"]) { AllowDirect = true });
        await jsB.CreateStreamAsync(new StreamConfig("DIRECTS", ["directs.>"]) { AllowDirect = true });
        await jsA.PublishAsync("directs.a", "a's");
        await jsA.PublishAsync("directonly.a", "a's only");
        await jsB.PublishAsync("directs.b", "b's");

        await using var raw = await broker.RawAsync("b");
        var bySeq = await raw.RequestAsync("$JS.API.DIRECT.GET.DIRECTS", "{\"seq\":1}");
        Assert.Equal("directs.b", bySeq.Header("Nats-Subject"));
        Assert.Equal("b's", bySeq.Payload);
        var lastOfA = await raw.RequestAsync("$JS.API.DIRECT.GET.DIRECTS.directs.a");
        Assert.Equal("404 Message Not Found", lastOfA.Status);
        await raw.ExpectSilenceAsync("$JS.API.DIRECT.GET.DIRECT_A_ONLY", "{\"seq\":1}");
        await raw.ExpectSilenceAsync("$JS.API.DIRECT.GET.DIRECT_A_ONLY.directonly.a");
    }

    [Fact]
    public async Task Push_consumer_delivers_only_inside_its_account()
    {
        var (ncA, jsA) = await broker.JetStreamAsync("a");
        await using var _ = ncA;
        await using var b = await broker.RawAsync("b", toB: true);
        await b.SendAsync("SUB deliver.> 2\r\nSUB $JS.> 3\r\n");
        await b.PingAsync();
        await using var inA = await ncA.SubscribeCoreAsync<string>("deliver.twin");
        await ncA.PingAsync();
        await jsA.CreateStreamAsync(new StreamConfig("PUSHED", ["pushed.>"]));
        await jsA.PublishAsync("pushed.1", "for a");
        await jsA.CreateOrUpdateConsumerAsync("PUSHED", new ConsumerConfig("pusher") { DeliverSubject = "deliver.twin", AckPolicy = ConsumerConfigAckPolicy.Explicit });

        var msg = await inA.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("for a", msg.Data);
        await b.SendAsync("PING\r\n");
        Assert.DoesNotContain("MSG", await b.ReadThroughAsync("PONG\r\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_stream_leaves_the_same_name_in_the_other_account()
    {
        var (ncA, jsA) = await broker.JetStreamAsync("a");
        var (ncB, jsB) = await broker.JetStreamAsync("b", toB: true);
        await using var a = ncA;
        await using var b = ncB;
        await jsA.CreateStreamAsync(new StreamConfig("DOOMED", ["doomed.>"]));
        await jsB.CreateStreamAsync(new StreamConfig("DOOMED", ["doomed.>"]));
        await jsA.PublishAsync("doomed.1", "a keeps this");
        await jsB.PublishAsync("doomed.1", "b drops this");

        Assert.True(await jsB.DeleteStreamAsync("DOOMED"));
        var gone = await Assert.ThrowsAsync<NatsJSApiException>(async () => await jsB.GetStreamAsync("DOOMED"));
        Assert.Equal(10059, gone.Error.ErrCode);
        Assert.Equal(1L, (await jsA.GetStreamAsync("DOOMED")).Info.State.Messages);

        // B's subjects are free again and a new DOOMED in B starts empty.
        var again = await jsB.CreateStreamAsync(new StreamConfig("DOOMED", ["doomed.>"]));
        Assert.Equal(0L, again.Info.State.Messages);
        Assert.Equal(1ul, (await jsB.PublishAsync("doomed.2", "new")).Seq);
    }

    [Fact]
    public async Task Same_key_value_bucket_in_two_accounts_holds_each_ones_values()
    {
        var (ncA, jsA) = await broker.JetStreamAsync("a");
        var (ncB, jsB) = await broker.JetStreamAsync("b", toB: true);
        await using var a = ncA;
        await using var b = ncB;
        var storeA = await new NatsKVContext(jsA).CreateStoreAsync(new NatsKVConfig("settings"));
        var storeB = await new NatsKVContext(jsB).CreateStoreAsync(new NatsKVConfig("settings"));
        await storeA.PutAsync("mode", "a's");
        await storeA.PutAsync("only.a", "a's too");
        await storeB.PutAsync("mode", "b's");

        Assert.Equal("a's", (await storeA.GetEntryAsync<string>("mode")).Value);
        Assert.Equal("b's", (await storeB.GetEntryAsync<string>("mode")).Value);
        Assert.Equal(1ul, (await storeB.GetEntryAsync<string>("mode")).Revision);
        await Assert.ThrowsAsync<NatsKVKeyNotFoundException>(async () => await storeB.GetEntryAsync<string>("only.a"));
        var keysOfB = new List<string>();
        await foreach (var key in storeB.GetKeysAsync())
        {
            keysOfB.Add(key);
        }

        Assert.Equal(["mode"], keysOfB);
    }

    [Theory]
    [InlineData("INFO", "", "account_info_response", "")]
    [InlineData("STREAM.CREATE.NOPE", "{\"name\":\"NOPE\"}", "stream_create_response", "")]
    [InlineData("STREAM.UPDATE.NOPE", "{\"name\":\"NOPE\"}", "stream_update_response", "")]
    [InlineData("STREAM.NAMES", "", "stream_names_response", ",\"total\":0,\"offset\":0,\"limit\":0,\"streams\":null")]
    [InlineData("STREAM.LIST", "", "stream_list_response", ",\"total\":0,\"offset\":0,\"limit\":0,\"streams\":[]")]
    [InlineData("STREAM.INFO.CAPTURED", "", "stream_info_response", ",\"total\":0,\"offset\":0,\"limit\":0")]
    [InlineData("STREAM.DELETE.CAPTURED", "", "stream_delete_response", "")]
    [InlineData("STREAM.PURGE.CAPTURED", "", "stream_purge_response", ",\"purged\":0")]
    [InlineData("STREAM.MSG.GET.CAPTURED", "{\"seq\":1}", "stream_msg_get_response", "")]
    [InlineData("CONSUMER.CREATE.CAPTURED", "{\"stream_name\":\"CAPTURED\",\"config\":{}}", "consumer_create_response", "")]
    [InlineData("CONSUMER.DURABLE.CREATE.CAPTURED.d", "{}", "consumer_create_response", "")]
    [InlineData("CONSUMER.NAMES.CAPTURED", "", "consumer_names_response", ",\"total\":0,\"offset\":0,\"limit\":0,\"consumers\":[]")]
    [InlineData("CONSUMER.INFO.CAPTURED.c", "", "consumer_info_response", "")]
    [InlineData("CONSUMER.DELETE.CAPTURED.c", "", "consumer_delete_response", "")]
    public async Task Account_without_jetstream_gets_10039_from_every_api_request(string operation, string body, string type, string rest)
    {
        await using var nojs = await broker.RawAsync("nojs");
        Assert.Equal(
            RawJetStream.Error(type, 503, 10039, "JetStream not enabled for account", rest),
            await nojs.ApiAsync("$JS.API." + operation, body));
    }

    [Fact]
    public async Task Account_without_jetstream_publishes_as_plain_core_nats()
    {
        var (ncA, jsA) = await broker.JetStreamAsync("a");
        await using var _ = ncA;
        await jsA.CreateStreamAsync(new StreamConfig("CAPTURED", ["captured.>"]));

        var (ncNo, jsNo) = await broker.JetStreamAsync("nojs", toB: true);
        await using var __ = ncNo;
        var refused = await Assert.ThrowsAsync<NatsJSApiException>(async () => await jsNo.GetAccountInfoAsync());
        Assert.Equal(10039, refused.Error.ErrCode);
        Assert.Equal(503, refused.Error.Code);

        // No stream of its own and A's is out of reach: no responders, nothing stored anywhere.
        await using var raw = await broker.RawAsync("nojs");
        Assert.Equal("503", (await raw.RequestAsync("captured.x", "lost")).Status);
        await raw.ExpectSilenceAsync("$JS.API.CONSUMER.MSG.NEXT.CAPTURED.c", "{\"batch\":1,\"no_wait\":true}");
        await raw.ExpectSilenceAsync("$JS.API.DIRECT.GET.CAPTURED", "{\"seq\":1}");
        await ncNo.PublishAsync("captured.y", "lost too");
        await ncNo.PingAsync();
        Assert.Equal(0L, (await jsA.GetStreamAsync("CAPTURED")).Info.State.Messages);
    }

    private static async Task<List<string>> NamesAsync(NatsJSContext js)
    {
        var names = new List<string>();
        await foreach (var name in js.ListStreamNamesAsync())
        {
            names.Add(name);
        }

        return names;
    }
}
