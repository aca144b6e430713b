using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using static Natrium.Tests.Integration.JetStream.Encryption.EncryptedStore;

namespace Natrium.Tests.Integration.JetStream.Encryption;

/// With a key, nothing a tenant stored is readable in the store directory, not even the names of
/// its account, streams and consumers (nats-server leaves those in directory names); and the
/// same key opens it all again after a restart.
public sealed class NothingReadableOnDiskTests
{
    private const string Account = "TENANTMARKERACC";
    private const string Stream = "STREAMMARKERNAME";
    private const string Consumer = "CONSUMERMARKERNAME";

    [Theory]
    [InlineData("chacha")]
    [InlineData("chachapoly")]
    [InlineData("aes")]
    public async Task A_scan_of_every_file_finds_no_payload_subject_header_or_name(string cipher)
    {
        await using var store = new EncryptedStore();
        var body = $$"""
            jetstream { store_dir: "{store}", key: "the-server-key", cipher: {{cipher}} }
            accounts { {{Account}} { jetstream: enabled, users: [ { user: u, password: u } ] } }
            """;
        var natrium = await store.StartAsync(body);
        await using (var nc = await ConnectAsync(natrium, "u"))
        {
            var js = new NatsJSContext(nc);
            await js.CreateStreamAsync(new StreamConfig(Stream, ["subjmarker.>"]));
            for (var i = 0; i < 20; i++)
            {
                var headers = new NatsHeaders { ["X-Marker"] = "hdrvaluemarker" };
                (await js.PublishAsync($"subjmarker.k{i}", $"payloadmarker-{i}", headers: headers)).EnsureSuccess();
            }

            var consumer = await js.CreateOrUpdateConsumerAsync(Stream, new ConsumerConfig(Consumer) { AckPolicy = ConsumerConfigAckPolicy.Explicit });
            await foreach (var msg in consumer.FetchAsync<string>(new NatsJSFetchOpts { MaxMsgs = 5, Expires = TimeSpan.FromSeconds(5) }))
            {
                await msg.AckAsync(new AckOpts { DoubleAck = true });
            }
        }

        await StopAsync(natrium);
        Assert.Empty(store.FindAnywhere("payloadmarker", "subjmarker", "hdrvaluemarker", "X-Marker", Account, Stream, Consumer));

        natrium = await store.StartAsync(body);
        await using (var nc = await ConnectAsync(natrium, "u"))
        {
            var js = new NatsJSContext(nc);
            var stream = await js.GetStreamAsync(Stream);
            Assert.Equal((20L, 20ul), (stream.Info.State.Messages, stream.Info.State.LastSeq));
            var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = "subjmarker.k19" });
            Assert.Equal(20ul, last.Message.Seq);
            var consumer = await js.GetConsumerAsync(Stream, Consumer);
            Assert.Equal(5ul, consumer.Info.AckFloor.StreamSeq);
        }

        await StopAsync(natrium);
    }
}
