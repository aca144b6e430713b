using System.Text;
using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Tests.Integration.Security;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Core;

/// A racer that may subscribe to race.> only, at most 5 subscriptions, and a publisher.
public sealed class UnsubscribeRaceFixture : BrokerFixture
{
    public static readonly PermissionsConfig RacerMayUseRace = new(null, new SubjectPermission(["race.>", "ok.>"], null), null);

    public static GatewayOptions Options(PermissionsConfig racer) => GatewayOptions.Default with
    {
        MaxSubscriptions = 5,
        Authorization = new AuthorizationConfig
        {
            Users = [TestSecrets.User("racer", "pw", racer), TestSecrets.User("pub", "pw")],
        },
    };

    protected override GatewayOptions GatewayTemplate => Options(RacerMayUseRace);
}

/// Issue #10.2: a delivery that reaches an `UNSUB <sid> <max>` limit on a publisher's thread
/// removes exactly the subscription whose limit it reached. A client that meanwhile
/// unsubscribed and subscribed again with the same sid keeps a subscription it can remove,
/// that a reload can revoke and that max_subscriptions counts.
public sealed class UnsubscribeRaceTests(UnsubscribeRaceFixture broker) : IClassFixture<UnsubscribeRaceFixture>
{
    private const int Rounds = 1000;
    private const int RoundsPerBatch = 25;

    // Large enough that copying one into the racer's buffer takes as long as the racer's
    // UNSUB and re-SUB: the window the defect needs is then wide open.
    private const int FloodPayload = 64 * 1024;

    [Fact]
    public async Task Sub_unsub_resub_with_one_sid_under_a_flood_leaves_nothing_after_unsub_or_revocation()
    {
        await using var publisher = await LoginAsync("pub");
        await using var racer = await DrainingClient.LoginAsync(broker.PortA, "racer");
        try
        {
            await using (var flood = Flood.Start(publisher, "race.x"))
            {
                await RaceAsync(racer, sid: 7);
                await racer.SendAsync("UNSUB 7\r\n");
                await racer.PingAsync();
                await flood.StopAsync();
            }

            racer.Watch("after-unsub");
            await AssertNothingMoreArrivesAsync(publisher, racer, "after-unsub");

            await using (var flood = Flood.Start(publisher, "race.x"))
            {
                await RaceAsync(racer, sid: 8);
                await flood.StopAsync();
            }

            // The racer holds sid 8 on race.x; the reload revokes race.> for it.
            await racer.SendAsync("SUB race.x 8\r\n");
            await racer.PingAsync();
            racer.Watch("-ERR 'Permissions Violation for Subscription to \"race.x\" (sid \"8\")'");
            Reload(new PermissionsConfig(null, new SubjectPermission(["ok.>"], null), null));
            await racer.WaitForAsync("-ERR 'Permissions Violation for Subscription to \"race.x\" (sid \"8\")'");

            racer.Watch("after-revoke");
            await AssertNothingMoreArrivesAsync(publisher, racer, "after-revoke");
        }
        finally
        {
            Reload(UnsubscribeRaceFixture.RacerMayUseRace);
        }

        // max_subscriptions still counts everything the racer holds: 5 fit, the 6th does not.
        racer.Watch("-ERR 'maximum subscriptions exceeded'");
        await racer.SendAsync(string.Concat(Enumerable.Range(1, 5).Select(i => $"SUB ok.{i} s{i}\r\n")) + "SUB ok.6 s6\r\n");
        await racer.WaitForAsync("-ERR 'maximum subscriptions exceeded'");
    }

    /// The same interleaving replayed exactly: a publisher thread that matched the old
    /// subscription before the client's UNSUB and re-SUB delivers to it afterwards and reaches
    /// its limit. The flood test above finds this window only sometimes; this never misses it.
    [Fact]
    public async Task Late_delivery_reaching_an_old_subscriptions_limit_leaves_the_new_one_with_its_sid_removable()
    {
        await using var publisher = await LoginAsync("pub");
        var (raw, info) = await RawClient.ConnectAsync(broker.PortA);
        await using var racer = raw;
        var id = System.Text.Json.JsonDocument.Parse(info[5..]).RootElement.GetProperty("client_id").GetUInt64();
        await racer.SendAsync("CONNECT {\"verbose\":false,\"user\":\"racer\",\"pass\":\"pw\"}\r\nSUB race.late 7\r\n");
        await racer.PingAsync();
        var connection = broker.A.FindClient(id)!;
        var old = connection.FindSubscription("7"u8)!;

        await racer.SendAsync("UNSUB 7\r\nSUB race.late 7\r\n");
        await racer.PingAsync();
        old.LimitTo(1);
        connection.Deliver(old, "race.late"u8, default, 0, new System.Buffers.ReadOnlySequence<byte>("late"u8.ToArray()));

        await racer.SendAsync("UNSUB 7\r\n");
        await racer.PingAsync();
        await publisher.SendAsync("PUB race.late 5\r\nafter\r\n");
        await publisher.PingAsync();
        await racer.SendAsync("PING\r\n");
        Assert.DoesNotContain("after", await racer.ReadThroughAsync("PONG\r\n"), StringComparison.Ordinal);
    }

    private void Reload(PermissionsConfig racer) =>
        broker.A.Reload(broker.A.Options with { Authorization = UnsubscribeRaceFixture.Options(racer).Authorization });

    /// Each round ends a subscription at its 1-message limit while the publisher's thread may
    /// be delivering that message, and subscribes again with the same sid. Rounds go in small
    /// batches once the flood is seen to flow, so they overlap it.
    private static async Task RaceAsync(DrainingClient racer, int sid)
    {
        var probe = $"MSG race.x p{sid} ";
        racer.Watch(probe);
        await racer.SendAsync($"SUB race.x p{sid}\r\nUNSUB p{sid} 1\r\n");
        await racer.WaitForAsync(probe);
        var batch = string.Concat(Enumerable.Repeat($"SUB race.x {sid}\r\nUNSUB {sid} 1\r\nUNSUB {sid}\r\n", RoundsPerBatch));
        for (var i = 0; i < Rounds / RoundsPerBatch; i++)
        {
            await racer.SendAsync(batch);
            await racer.PingAsync();
        }
    }

    private static async Task AssertNothingMoreArrivesAsync(RawClient publisher, DrainingClient racer, string marker)
    {
        await publisher.SendAsync(string.Concat(Enumerable.Repeat($"PUB race.x {marker.Length}\r\n{marker}\r\n", 20)));
        await publisher.PingAsync();
        await racer.PingAsync();
        Assert.Equal(0, racer.Count(marker));
    }

    /// A publisher writing batches of PUBs until stopped.
    private sealed class Flood : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;

        public static Flood Start(RawClient publisher, string subject)
        {
            var flood = new Flood();
            var payload = new string('f', FloodPayload);
            var batch = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat($"PUB {subject} {FloodPayload}\r\n{payload}\r\n", 16)));
            flood._loop = Task.Run(async () =>
            {
                while (!flood._stop.IsCancellationRequested)
                {
                    await publisher.SendAsync(batch);
                }
            });
            return flood;
        }

        public async Task StopAsync()
        {
            _stop.Cancel();
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }
    }

    private async Task<RawClient> LoginAsync(string user)
    {
        var (client, _) = await RawClient.ConnectAsync(broker.PortA);
        await client.SendAsync($"CONNECT {{\"verbose\":false,\"user\":\"{user}\",\"pass\":\"pw\"}}\r\n");
        await client.PingAsync();
        return client;
    }
}
