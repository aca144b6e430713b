using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// headers_only consumers (spec/jetstream.md §4.2): the body stays behind, the stored headers
/// come with `Nats-Msg-Size`, for pull and push alike.
public sealed class HeadersOnlyTests(JetStreamFixture broker) : IClassFixture<JetStreamFixture>
{
    [Fact]
    public async Task Pull_consumer_with_headers_only_gets_headers_and_the_size()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("HDRONLY", ["hdronly"]));
        (await js.PublishAsync("hdronly", "hello world", headers: new NatsHeaders { ["X-Id"] = "42" })).EnsureSuccess();
        (await js.PublishAsync("hdronly", "bare")).EnsureSuccess();
        var consumer = await js.CreateOrUpdateConsumerAsync("HDRONLY", new ConsumerConfig("h") { HeadersOnly = true });
        Assert.True(consumer.Info.Config.HeadersOnly);

        var messages = new List<INatsJSMsg<byte[]>>();
        await foreach (var msg in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 2, Expires = TimeSpan.FromSeconds(2) }))
        {
            messages.Add(msg);
        }

        Assert.Equal(2, messages.Count);
        Assert.True(messages[0].Data is null || messages[0].Data!.Length == 0);
        Assert.Equal("42", messages[0].Headers!["X-Id"].ToString());
        Assert.Equal("11", messages[0].Headers!["Nats-Msg-Size"].ToString());
        Assert.Equal("4", messages[1].Headers!["Nats-Msg-Size"].ToString());
    }

    [Fact]
    public async Task Push_consumer_with_headers_only_gets_headers_and_the_size()
    {
        var (nc, js) = await broker.JetStreamAsync();
        await using var _ = nc;
        await js.CreateStreamAsync(new StreamConfig("HDRPUSH", ["hdrpush"]));
        (await js.PublishAsync("hdrpush", "twelve bytes")).EnsureSuccess();
        await using var sub = await nc.SubscribeCoreAsync<string>("hdrpush.deliver");
        await nc.PingAsync();
        await js.CreateOrUpdateConsumerAsync("HDRPUSH", new ConsumerConfig("h") { DeliverSubject = "hdrpush.deliver", AckPolicy = ConsumerConfigAckPolicy.None, HeadersOnly = true });

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var msg = await sub.Msgs.ReadAsync(cts.Token);
        Assert.Equal("hdrpush", msg.Subject);
        Assert.True(string.IsNullOrEmpty(msg.Data));
        Assert.Equal("12", msg.Headers!["Nats-Msg-Size"].ToString());
    }
}
