using System.Diagnostics;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// How often and when a message comes back, through NATS.Net (spec/jetstream.md §4.2, §6, §8):
/// max_deliver with its MAX_DELIVERIES advisory, and a backoff list.
public sealed class RedeliveryPolicyTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Max_deliver_stops_redelivery_and_publishes_an_advisory()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("MAXDEL", ["maxdel"]));
        (await js.PublishAsync("maxdel", "twice")).EnsureSuccess();
        await using var advisories = await nc.SubscribeCoreAsync<string>("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.MAXDEL.c");
        await nc.PingAsync();
        var consumer = await js.CreateOrUpdateConsumerAsync("MAXDEL", new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit, MaxDeliver = 2 });
        Assert.Equal(2, consumer.Info.Config.MaxDeliver);

        for (var delivery = 1ul; delivery <= 2; delivery++)
        {
            var msg = await consumer.NextAsync<string>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(2) });
            Assert.NotNull(msg);
            Assert.Equal(delivery, msg.Metadata!.Value.NumDelivered);
            await msg.NakAsync(new AckOpts { DoubleAck = true });
        }

        Assert.Null(await RawPull.OneAsync(nc, "MAXDEL", "c", TimeSpan.FromMilliseconds(500)));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var advisory = JsonDocument.Parse((await advisories.Msgs.ReadAsync(cts.Token)).Data!).RootElement;
        Assert.Equal("io.nats.jetstream.advisory.v1.max_deliver", advisory.GetProperty("type").GetString());
        Assert.Equal("MAXDEL", advisory.GetProperty("stream").GetString());
        Assert.Equal("c", advisory.GetProperty("consumer").GetString());
        Assert.Equal(1, advisory.GetProperty("stream_seq").GetInt64());
        Assert.Equal(2, advisory.GetProperty("deliveries").GetInt64());

        await consumer.RefreshAsync();
        Assert.Equal(0, consumer.Info.NumAckPending);
    }

    [Fact]
    public async Task Backoff_spaces_redeliveries_by_its_list()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("BACKOFF", ["backoff"]));
        (await js.PublishAsync("backoff", "late")).EnsureSuccess();
        var consumer = await js.CreateOrUpdateConsumerAsync("BACKOFF", new ConsumerConfig("c")
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            Backoff = [TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1200)],
            MaxDeliver = 3,
        });
        Assert.Equal(TimeSpan.FromMilliseconds(300), consumer.Info.Config.AckWait);

        var clock = Stopwatch.StartNew();
        var first = await RawPull.OneAsync(nc, "BACKOFF", "c", TimeSpan.FromSeconds(1));
        var firstAt = clock.Elapsed;
        var second = await RawPull.OneAsync(nc, "BACKOFF", "c", TimeSpan.FromSeconds(2));
        var secondAt = clock.Elapsed;
        var third = await RawPull.OneAsync(nc, "BACKOFF", "c", TimeSpan.FromSeconds(3));
        var thirdAt = clock.Elapsed;
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotNull(third);
        Assert.Contains(".2.1.2.", second.Value.ReplyTo);
        Assert.Contains(".3.1.3.", third.Value.ReplyTo);

        // backoff[0] after the first delivery, backoff[1] after the second.
        Assert.InRange(secondAt - firstAt, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(1000));
        Assert.InRange(thirdAt - secondAt, TimeSpan.FromMilliseconds(1050), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Backoff_needs_max_deliver_above_its_length()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("BACKOFFBAD", ["backoffbad"]));
        var error = await Assert.ThrowsAsync<NatsJSApiException>(async () => await js.CreateOrUpdateConsumerAsync("BACKOFFBAD", new ConsumerConfig("c")
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)],
            MaxDeliver = 2,
        }));
        Assert.Equal(400, error.Error.Code);
        Assert.Equal(10116, error.Error.ErrCode);
        Assert.Equal("max deliver is required to be > length of backoff values", error.Error.Description);
    }
}
