using Natrium.Tests.TestKit;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// Consumers that go away on their own (spec/jetstream.md §4.1–§4.2): inactive_threshold, the
/// 5 s default for anything without a durable name, and durables that stay.
public sealed class EphemeralConsumerTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Idle_ephemeral_is_deleted_after_its_inactive_threshold()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("EPHEMERAL", ["ephemeral"]));
        var consumer = await js.CreateOrUpdateConsumerAsync("EPHEMERAL", new ConsumerConfig { AckPolicy = ConsumerConfigAckPolicy.Explicit, InactiveThreshold = TimeSpan.FromSeconds(1) });
        var name = consumer.Info.Name;
        Assert.Equal(8, name.Length);
        Assert.Null(consumer.Info.Config.DurableName);
        Assert.Equal(TimeSpan.FromSeconds(1), consumer.Info.Config.InactiveThreshold);

        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await js.GetConsumerAsync("EPHEMERAL", name);
                    return false;
                }
                catch (NatsJSApiException e) when (e.Error.ErrCode == 10014)
                {
                    return true;
                }
            },
            "the idle ephemeral consumer is gone about 1 s after creation",
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Ephemeral_push_consumer_goes_once_its_subscriber_left_for_the_threshold()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("EPHPUSH", ["ephpush"]));
        string name;
        await using (var sub = await nc.SubscribeCoreAsync<string>("ephpush.deliver"))
        {
            await nc.PingAsync();
            var consumer = await js.CreateOrUpdateConsumerAsync("EPHPUSH", new ConsumerConfig
            {
                DeliverSubject = "ephpush.deliver",
                AckPolicy = ConsumerConfigAckPolicy.None,
                InactiveThreshold = TimeSpan.FromMilliseconds(500),
                IdleHeartbeat = TimeSpan.FromMilliseconds(200),
            });
            name = consumer.Info.Name;

            // Four heartbeats (200 ms apart) take it past the threshold with a subscriber: it stays.
            (await js.PublishAsync("ephpush", "kept alive")).EnsureSuccess();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            Assert.Equal("kept alive", (await sub.Msgs.ReadAsync(cts.Token)).Data);
            for (var beats = 0; beats < 4; beats++)
            {
                Assert.Equal(100, (await sub.Msgs.ReadAsync(cts.Token)).Headers?.Code);
            }

            Assert.Equal(name, (await js.GetConsumerAsync("EPHPUSH", name)).Info.Name);
        }

        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await js.GetConsumerAsync("EPHPUSH", name);
                    return false;
                }
                catch (NatsJSApiException e) when (e.Error.ErrCode == 10014)
                {
                    return true;
                }
            },
            "the push consumer is gone after its subscriber left",
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Named_consumer_without_durable_name_gets_the_5s_threshold_and_a_durable_gets_none()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("EPHNAMED", ["ephnamed"]));
        var named = await js.CreateOrUpdateConsumerAsync("EPHNAMED", new ConsumerConfig { Name = "named", AckPolicy = ConsumerConfigAckPolicy.Explicit });
        Assert.Equal("named", named.Info.Name);
        Assert.Equal(TimeSpan.FromSeconds(5), named.Info.Config.InactiveThreshold);

        var durable = await js.CreateOrUpdateConsumerAsync("EPHNAMED", new ConsumerConfig("durable") { AckPolicy = ConsumerConfigAckPolicy.Explicit });
        Assert.Equal("durable", durable.Info.Config.DurableName);
        Assert.Equal(TimeSpan.Zero, durable.Info.Config.InactiveThreshold);
    }
}
