using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Core;

/// The core protocol with the real NATS.Net client, on one gateway.
public sealed class PubSubTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Publish_to_subscriber_delivers_payload()
    {
        await using var nc = await broker.ConnectAsync();
        await using var sub = await nc.SubscribeCoreAsync<string>("core.simple");
        await nc.PingAsync();
        await nc.PublishAsync("core.simple", "hello");
        var msg = await sub.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("core.simple", msg.Subject);
        Assert.Equal("hello", msg.Data);
    }

    [Theory]
    [InlineData("wild.*", "wild.a", true)]
    [InlineData("wild.*", "wild.a.b", false)]
    [InlineData("wild.>", "wild.a.b", true)]
    [InlineData("wild.>", "wild", false)]
    [InlineData("wild.*.c", "wild.b.c", true)]
    public async Task Wildcard_subscription_matches_like_nats(string pattern, string subject, bool matches)
    {
        await using var nc = await broker.ConnectAsync();
        await using var sub = await nc.SubscribeCoreAsync<string>(pattern);
        await using var control = await nc.SubscribeCoreAsync<string>(subject);
        await nc.PingAsync();
        await nc.PublishAsync(subject, "x");
        await control.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        await nc.PingAsync();
        // The control subscription saw the message, so a matching wildcard has it too by now.
        Assert.Equal(matches, sub.Msgs.TryRead(out _));
    }

    [Fact]
    public async Task Queue_group_delivers_each_message_to_exactly_one_member_evenly()
    {
        await using var nc = await broker.ConnectAsync();
        var members = new List<INatsSub<int>>();
        for (var i = 0; i < 3; i++)
        {
            members.Add(await nc.SubscribeCoreAsync<int>("core.queue", queueGroup: "workers"));
        }

        await using var plain = await nc.SubscribeCoreAsync<int>("core.queue");
        await nc.PingAsync();
        const int total = 300;
        for (var i = 0; i < total; i++)
        {
            await nc.PublishAsync("core.queue", i);
        }

        for (var i = 0; i < total; i++)
        {
            await plain.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        }

        await nc.PingAsync();
        var counts = members.Select(m => Drain(m)).ToArray();
        Assert.Equal(total, counts.Sum());
        Assert.All(counts, c => Assert.InRange(c, 50, 150));
        foreach (var m in members)
        {
            await m.DisposeAsync();
        }
    }

    [Fact]
    public async Task Request_reply_returns_the_response()
    {
        await using var responder = await broker.ConnectAsync();
        await using var requester = await broker.ConnectAsync();
        await using var service = await responder.SubscribeCoreAsync<string>("core.echo");
        await responder.PingAsync();
        var serving = Task.Run(async () =>
        {
            var request = await service.Msgs.ReadAsync();
            await request.ReplyAsync("echo:" + request.Data);
        });

        var reply = await requester.RequestAsync<string, string>("core.echo", "ping").AsTask().WaitAsync(Timeout);
        Assert.Equal("echo:ping", reply.Data);
        await serving.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Request_without_responders_gets_no_responders_status()
    {
        await using var nc = await broker.ConnectAsync();
        await Assert.ThrowsAsync<NatsNoRespondersException>(async () =>
            await nc.RequestAsync<string, string>("core.nobody.home", "x").AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Headers_travel_with_the_message()
    {
        await using var nc = await broker.ConnectAsync();
        await using var sub = await nc.SubscribeCoreAsync<string>("core.headers");
        await nc.PingAsync();
        await nc.PublishAsync("core.headers", "body", headers: new NatsHeaders { ["X-Tenant"] = "blue" });
        var msg = await sub.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("body", msg.Data);
        Assert.Equal("blue", msg.Headers?["X-Tenant"].ToString());
    }

    [Fact]
    public async Task Echo_off_does_not_deliver_own_messages()
    {
        await using var quiet = await broker.ConnectAsync(configure: o => o with { Echo = false });
        await using var other = await broker.ConnectAsync();
        await using var own = await quiet.SubscribeCoreAsync<string>("core.echo-off");
        await using var theirs = await other.SubscribeCoreAsync<string>("core.echo-off");
        await quiet.PingAsync();
        await other.PingAsync();
        await quiet.PublishAsync("core.echo-off", "mine");
        await theirs.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        await other.PublishAsync("core.echo-off", "yours");
        var received = await own.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("yours", received.Data);
    }

    [Fact]
    public async Task Unsubscribe_stops_delivery()
    {
        await using var nc = await broker.ConnectAsync();
        var sub = await nc.SubscribeCoreAsync<string>("core.unsub");
        await using var control = await nc.SubscribeCoreAsync<string>("core.unsub");
        await nc.PingAsync();
        await sub.UnsubscribeAsync();
        await nc.PingAsync();
        await nc.PublishAsync("core.unsub", "after");
        await control.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        await nc.PingAsync();
        Assert.False(sub.Msgs.TryRead(out _));
    }

    [Fact]
    public async Task Auto_unsubscribe_after_max_messages_delivers_exactly_max()
    {
        await using var nc = await broker.ConnectAsync();
        await using var sub = await nc.SubscribeCoreAsync<int>("core.max", opts: new NatsSubOpts { MaxMsgs = 2 });
        await using var control = await nc.SubscribeCoreAsync<int>("core.max");
        await nc.PingAsync();
        for (var i = 0; i < 5; i++)
        {
            await nc.PublishAsync("core.max", i);
        }

        for (var i = 0; i < 5; i++)
        {
            await control.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        }

        var got = new List<int>();
        await foreach (var m in sub.Msgs.ReadAllAsync().WithCancellation(new CancellationTokenSource(Timeout).Token))
        {
            got.Add(m.Data);
        }

        Assert.Equal([0, 1], got);
    }

    [Fact]
    public async Task Large_payload_up_to_max_payload_is_delivered_intact()
    {
        await using var nc = await broker.ConnectAsync();
        await using var sub = await nc.SubscribeCoreAsync<byte[]>("core.large");
        await nc.PingAsync();
        var payload = new byte[broker.A.Options.MaxPayload];
        new Random(7).NextBytes(payload);
        await nc.PublishAsync("core.large", payload);
        var msg = await sub.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(payload, msg.Data);
    }

    private static int Drain<T>(INatsSub<T> sub)
    {
        var n = 0;
        while (sub.Msgs.TryRead(out _))
        {
            n++;
        }

        return n;
    }
}
