using Natrium.Gateway.Hosting;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Natrium.Tests.Integration.JetStream;

/// `jetstream { domain: hub, sync_interval: always }`: the API answers under `$JS.hub.API.…`
/// as well, pub acks name the domain, and every ack waits for an fsync.
public sealed class DomainTests(DomainTests.Fixture broker) : IClassFixture<DomainTests.Fixture>
{
    public sealed class Fixture : JetStreamFixture
    {
        protected override GatewayOptions GatewayTemplate => base.GatewayTemplate with
        {
            JetStream = base.GatewayTemplate.JetStream! with { Domain = "hub", SyncAlways = true },
        };
    }

    [Fact]
    public async Task Api_under_the_domain_prefix_and_pub_acks_naming_it()
    {
        await using var nc = await broker.ConnectAsync(toB: true);
        var hub = new NatsJSContext(nc, new NatsJSOpts(nc.Opts, domain: "hub"));
        await hub.CreateStreamAsync(new StreamConfig("DOMAINED", ["domained.>"]));
        var ack = await hub.PublishAsync("domained.a", "x");
        ack.EnsureSuccess();
        Assert.Equal(("DOMAINED", "hub", 1ul), (ack.Stream, ack.Domain, ack.Seq));

        // The plain prefix reaches the same streams.
        var plain = new NatsJSContext(nc);
        Assert.Equal(1L, (await plain.GetStreamAsync("DOMAINED")).Info.State.Messages);
        Assert.Equal("hub", (await hub.GetAccountInfoAsync()).Domain);

        // Another domain is nobody's.
        var other = new NatsJSContext(nc, new NatsJSOpts(nc.Opts, domain: "elsewhere"));
        await Assert.ThrowsAsync<NATS.Client.Core.NatsNoRespondersException>(async () => await other.GetStreamAsync("DOMAINED"));
    }
}
