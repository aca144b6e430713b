using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// Creating a consumer again under its name (spec/jetstream.md §4.1): the same config answers
/// with the same consumer, mutable changes apply in place (ack_wait reaches messages already
/// pending), immutable ones are refused.
public sealed class ConsumerUpdateTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Same_config_again_returns_the_same_consumer()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("CUSAME", ["cusame"]));
        var config = new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit };
        var first = await js.CreateOrUpdateConsumerAsync("CUSAME", config);
        var again = await js.CreateOrUpdateConsumerAsync("CUSAME", config);
        Assert.Equal(first.Info.Created, again.Info.Created);
    }

    [Fact]
    public async Task Shorter_ack_wait_applies_to_a_message_already_pending()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("CUWAIT", ["cuwait"]));
        (await js.PublishAsync("cuwait", "slow")).EnsureSuccess();
        var config = new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = TimeSpan.FromSeconds(30) };
        var consumer = await js.CreateOrUpdateConsumerAsync("CUWAIT", config);
        var first = await consumer.NextAsync<string>(opts: new NatsJSNextOpts { Expires = TimeSpan.FromSeconds(2) });
        Assert.NotNull(first);

        var updated = await js.CreateOrUpdateConsumerAsync("CUWAIT", config with { AckWait = TimeSpan.FromMilliseconds(500) });
        Assert.Equal(TimeSpan.FromMilliseconds(500), updated.Info.Config.AckWait);
        var again = await RawPull.OneAsync(nc, "CUWAIT", "c", TimeSpan.FromSeconds(3));
        Assert.NotNull(again);
        Assert.StartsWith("$JS.ACK.CUWAIT.c.2.1.2.", again.Value.ReplyTo);
    }

    [Fact]
    public async Task Changing_the_ack_policy_is_refused()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("CUIMM", ["cuimm"]));
        var config = new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit };
        await js.CreateOrUpdateConsumerAsync("CUIMM", config);
        var error = await Assert.ThrowsAsync<NatsJSApiException>(async () =>
            await js.CreateOrUpdateConsumerAsync("CUIMM", config with { AckPolicy = ConsumerConfigAckPolicy.All }));
        Assert.Equal(500, error.Error.Code);
        Assert.Equal(10012, error.Error.ErrCode);
        Assert.Equal("ack policy can not be updated", error.Error.Description);
    }
}
