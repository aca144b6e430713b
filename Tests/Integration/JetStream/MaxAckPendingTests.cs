using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// max_ack_pending through NATS.Net and raw pulls (spec/jetstream.md §4.2): delivery stops with
/// that many unacked and resumes, to a pull already waiting, when one is acked.
public sealed class MaxAckPendingTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Delivery_pauses_at_max_ack_pending_and_resumes_on_ack()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("MAXACK", ["maxack"]));
        for (var i = 1; i <= 5; i++)
        {
            (await js.PublishAsync("maxack", i)).EnsureSuccess();
        }

        var consumer = await js.CreateOrUpdateConsumerAsync("MAXACK", new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit, MaxAckPending = 2 });
        var held = await RawPull.BatchAsync(nc, "MAXACK", "c", 5, TimeSpan.FromMilliseconds(500));
        Assert.Equal(["1", "2"], held.Select(m => m.Data));
        await consumer.RefreshAsync();
        Assert.Equal(2, consumer.Info.NumAckPending);
        Assert.Equal(3ul, consumer.Info.NumPending);

        var waiting = RawPull.OneAsync(nc, "MAXACK", "c", TimeSpan.FromSeconds(5));
        await nc.PublishAsync(held[0].ReplyTo!, "+ACK");
        var resumed = await waiting;
        Assert.NotNull(resumed);
        Assert.Equal("3", resumed.Value.Data);
    }
}
