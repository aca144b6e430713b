using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// max_waiting (spec/jetstream.md §5.3): with that many pulls queued, the next one is refused
/// with `409 Exceeded MaxWaiting`.
public sealed class MaxWaitingTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Pull_beyond_max_waiting_gets_409()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("MAXWAIT", ["maxwait"]));
        var consumer = await js.CreateOrUpdateConsumerAsync("MAXWAIT", new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit, MaxWaiting = 1 });
        Assert.Equal(1, consumer.Info.Config.MaxWaiting);

        await using var queued = await nc.SubscribeCoreAsync<string>("maxwait.reply.1");
        await using var refused = await nc.SubscribeCoreAsync<string>("maxwait.reply.2");
        await nc.PublishAsync("$JS.API.CONSUMER.MSG.NEXT.MAXWAIT.c", "{\"batch\":1,\"expires\":5000000000}", replyTo: "maxwait.reply.1");
        await nc.PingAsync();
        await nc.PublishAsync("$JS.API.CONSUMER.MSG.NEXT.MAXWAIT.c", "{\"batch\":1,\"expires\":5000000000}", replyTo: "maxwait.reply.2");

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var status = await refused.Msgs.ReadAsync(cts.Token);
        Assert.Equal(409, status.Headers!.Code);
        Assert.Equal("Exceeded MaxWaiting", status.Headers.MessageText);

        await consumer.RefreshAsync();
        Assert.Equal(1, consumer.Info.NumWaiting);
        (await js.PublishAsync("maxwait", "for the queued one")).EnsureSuccess();
        var delivered = await queued.Msgs.ReadAsync(cts.Token);
        Assert.Equal("for the queued one", delivered.Data);
    }
}
