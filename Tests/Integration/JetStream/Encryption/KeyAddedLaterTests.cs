using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using static Natrium.Tests.Integration.JetStream.Encryption.EncryptedStore;

namespace Natrium.Tests.Integration.JetStream.Encryption;

/// A store kept in plaintext, then given a key — by a reload or across a restart: everything
/// already stored is sealed in the background (as nats-server converts plaintext at start), so
/// the scan finds nothing afterwards, and nothing is lost.
public sealed class KeyAddedLaterTests
{
    private const string Accounts = "accounts { PLAINACCOUNTMARKER { jetstream: enabled, users: [ { user: u, password: u } ] } }\n";
    private const string Plain = "jetstream { store_dir: \"{store}\" }\n" + Accounts;
    private const string Keyed = "jetstream { store_dir: \"{store}\", key: \"added-later\" }\n" + Accounts;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task What_was_stored_in_plaintext_is_sealed_once_a_key_is_configured(bool byReload)
    {
        await using var store = new EncryptedStore();
        var natrium = await store.StartAsync(Plain);
        await using (var nc = await ConnectAsync(natrium, "u"))
        {
            var js = new NatsJSContext(nc);
            await js.CreateStreamAsync(new StreamConfig("PLAINSTREAMMARKER", ["plainsubject.>"]));
            for (var i = 1; i <= 10; i++)
            {
                (await js.PublishAsync($"plainsubject.{i}", $"plainpayload-{i}")).EnsureSuccess();
            }

            var consumer = await js.CreateOrUpdateConsumerAsync("PLAINSTREAMMARKER", new ConsumerConfig("PLAINCONSUMERMARKER") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
            await foreach (var msg in consumer.FetchAsync<string>(new NatsJSFetchOpts { MaxMsgs = 3, Expires = TimeSpan.FromSeconds(5) }))
            {
                await msg.AckAsync(new AckOpts { DoubleAck = true });
            }
        }

        Assert.NotEmpty(store.FindAnywhere("plainpayload"));
        if (byReload)
        {
            await natrium.ReloadAsync(store.Fill(Keyed));
        }
        else
        {
            await StopAsync(natrium);
            natrium = await store.StartAsync(Keyed);
        }

        await natrium.Process.WaitForOutputAsync("Key rotation finished", Patience);
        await using (var nc = await ConnectAsync(natrium, "u"))
        {
            var js = new NatsJSContext(nc);
            for (var i = 11; i <= 12; i++)
            {
                (await js.PublishAsync($"plainsubject.{i}", $"plainpayload-{i}")).EnsureSuccess();
            }
        }

        await StopAsync(natrium);
        Assert.Empty(store.FindAnywhere("plainpayload", "plainsubject", "PLAINSTREAMMARKER", "PLAINCONSUMERMARKER", "PLAINACCOUNTMARKER"));

        natrium = await store.StartAsync(Keyed);
        await using (var nc = await ConnectAsync(natrium, "u"))
        {
            var js = new NatsJSContext(nc);
            var stream = await js.GetStreamAsync("PLAINSTREAMMARKER");
            Assert.Equal((12L, 12ul), (stream.Info.State.Messages, stream.Info.State.LastSeq));
            Assert.Equal("plainpayload-1", System.Text.Encoding.UTF8.GetString((await stream.GetAsync(new StreamMsgGetRequest { Seq = 1 })).Message.Data.Span));
            var consumer = await js.GetConsumerAsync("PLAINSTREAMMARKER", "PLAINCONSUMERMARKER");
            Assert.Equal(3ul, consumer.Info.AckFloor.StreamSeq);
        }

        await StopAsync(natrium);
    }
}
