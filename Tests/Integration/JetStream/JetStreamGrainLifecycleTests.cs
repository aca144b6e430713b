using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Natrium.Contracts.Interfaces;
using Natrium.Tests.TestKit;
using Orleans.Core.Internal;

namespace Natrium.Tests.Integration.JetStream;

/// An account's JetStream grain that Orleans ends (a duplicate found after a membership change,
/// its silo shutting down) comes back knowing no gateway: each gateway subscribes again, so a
/// stream created afterwards captures publishes on every gateway. Its own host: the test ends
/// a grain activation.
public sealed class JetStreamGrainLifecycleTests(TenantsFixture broker) : IClassFixture<TenantsFixture>
{
    [Fact]
    public async Task Streams_created_after_the_grain_ended_capture_on_every_gateway()
    {
        var (onA, jsA) = await broker.JetStreamAsync("a");
        var (onB, jsB) = await broker.JetStreamAsync("a", toB: true);
        await using (onA)
        await using (onB)
        {
            await jsA.CreateStreamAsync(new StreamConfig("BEFORE", ["before.>"]));
            (await jsB.PublishAsync("before.x", 1)).EnsureSuccess();

            var grain = broker.Services.GetRequiredService<IGrainFactory>().GetGrain<IJetStreamAccountGrain>("A");
            await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

            // Created through gateway A; gateway B learns its subjects only if it subscribed to
            // the new activation (until then its publishes find no stream: no responders).
            await jsA.CreateStreamAsync(new StreamConfig("AFTER", ["after.>"]));
            await Eventually.TrueAsync(
                async () =>
                {
                    try
                    {
                        var ack = await jsB.PublishAsync("after.x", 2, opts: new NatsJSPubOpts { RetryAttempts = 1 });
                        return ack.Stream == "AFTER";
                    }
                    catch (Exception e) when (e is NatsNoRespondersException or NatsJSPublishNoResponseException)
                    {
                        return false;
                    }
                },
                "gateway B captures the stream created after the grain ended",
                timeout: TimeSpan.FromSeconds(20));
            (await jsB.PublishAsync("before.y", 3)).EnsureSuccess();
        }
    }
}
