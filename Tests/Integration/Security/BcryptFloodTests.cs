using Natrium.Contracts.Security;
using Natrium.Gateway.Hosting;
using Natrium.Gateway.WebSockets;
using Natrium.Tests.Integration.WebSocket;
using Natrium.Tests.TestKit;
using Org.BouncyCastle.Crypto.Generators;

namespace Natrium.Tests.Integration.Security;

/// One bcrypt user at cost 12 (~250 ms of CPU a check) and a 1 s auth timeout, on the client
/// port and a websocket listener.
public sealed class SlowBcryptFixture : BrokerFixture
{

    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with
    {
        Authorization = new AuthorizationConfig
        {
            Users = [TestSecrets.User("slow", OpenBsdBCrypt.Generate("flood-pw".ToCharArray(), System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), 12))],
            Timeout = TimeSpan.FromSeconds(1),
        },
        Websocket = new WebsocketOptions { Host = "127.0.0.1", Port = 0, NoTls = true },
    };
}

/// Issue #10.7: a queued bcrypt check is dropped as soon as its connection is gone, whether the
/// client hung up or its auth timer fired, so a flood of abandoned logins costs no CPU.
public sealed class BcryptFloodTests(SlowBcryptFixture broker) : IClassFixture<SlowBcryptFixture>
{
    private const int Flood = 16;

    [Fact]
    public async Task Logins_abandoned_while_queued_are_never_checked()
    {
        // Clients that hang up right after CONNECT: the workers take the first one or two
        // before the hang-up is seen; the rest are dropped from the queue.
        var (ran, skipped) = await FloodAsync(async client => await client.DisposeAsync());
        Assert.True(ran + skipped == Flood, $"{ran} checks ran and {skipped} were skipped, of {Flood}");
        Assert.True(ran <= 4, $"{ran} of {Flood} logins whose clients had hung up were checked anyway");

        // Clients that stay until their 1 s auth timer closes them: two workers at ~250 ms a
        // check get through about eight before the timers fire; the rest are dropped.
        (ran, skipped) = await FloodAsync(async client =>
        {
            // Checked in time (wrong password) or not: either way the server closes it.
            var ended = await client.ExpectClosedAsync(TimeSpan.FromSeconds(10));
            Assert.True(ended is "-ERR 'Authentication Timeout'\r\n" or "-ERR 'Authorization Violation'\r\n", ended);
            await client.DisposeAsync();
        });
        Assert.True(ran + skipped == Flood, $"{ran} checks ran and {skipped} were skipped, of {Flood}");
        Assert.True(ran < Flood, $"all {Flood} logins whose auth timer had fired were checked anyway");
    }

    [Fact]
    public async Task Websocket_logins_abandoned_while_queued_are_never_checked()
    {
        var workers = broker.A.BcryptWorkers;
        var ranBefore = workers.Ran;
        var skippedBefore = workers.Skipped;
        var port = broker.A.WebsocketEndPoint!.Port;
        var clients = (await Task.WhenAll(Enumerable.Range(0, Flood).Select(_ => RawWebsocket.ConnectAsync(port)))).Select(c => c.Client).ToList();
        await Task.WhenAll(clients.Select(client => client.SendAsync("CONNECT {\"user\":\"slow\",\"pass\":\"wrong\"}\r\n")));
        var ids = broker.A.OpenConnections().Where(c => c.Type == "websocket").Select(c => c.Cid).ToHashSet();
        Assert.Equal(Flood, ids.Count);

        // The TCP connections end without a close frame, as a browser tab that is killed.
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        await Eventually.TrueAsync(
            () => workers.Ran - ranBefore + workers.Skipped - skippedBefore >= Flood,
            $"all {Flood} queued checks are run or skipped",
            () => $"ran {workers.Ran - ranBefore}, skipped {workers.Skipped - skippedBefore}",
            TimeSpan.FromSeconds(30));
        var ran = workers.Ran - ranBefore;
        Assert.True(ran <= 4, $"{ran} of {Flood} websocket logins whose clients had hung up were checked anyway");

        // Dropped because they left, not because their auth timer fired later.
        await Eventually.TrueAsync(
            () => broker.A.RecentlyClosed.Count(c => ids.Contains(c.ClientId)) == Flood,
            $"all {Flood} websocket clients are closed",
            () => string.Join(", ", broker.A.RecentlyClosed.Where(c => ids.Contains(c.ClientId)).Select(c => c.Reason)),
            TimeSpan.FromSeconds(30));
        var closed = broker.A.RecentlyClosed.Where(c => ids.Contains(c.ClientId)).ToList();
        Assert.DoesNotContain(closed, c => c.Reason == "Authentication Timeout");
    }

    private async Task<(long Ran, long Skipped)> FloodAsync(Func<RawClient, Task> thenEach)
    {
        var workers = broker.A.BcryptWorkers;
        var ranBefore = workers.Ran;
        var skippedBefore = workers.Skipped;
        // Every client is connected first and the CONNECTs go out together, so the queue fills
        // at once however slowly a loaded machine accepts connections.
        var clients = (await Task.WhenAll(Enumerable.Range(0, Flood).Select(_ => RawClient.ConnectAsync(broker.PortA)))).Select(c => c.Client).ToList();
        await Task.WhenAll(clients.Select(client => client.SendAsync("CONNECT {\"user\":\"slow\",\"pass\":\"wrong\"}\r\n")));

        await Task.WhenAll(clients.Select(thenEach));

        // Every queued check is run or dropped in the end; count both.
        await Eventually.TrueAsync(
            () => workers.Ran - ranBefore + workers.Skipped - skippedBefore >= Flood,
            $"all {Flood} queued checks are run or skipped",
            () => $"ran {workers.Ran - ranBefore}, skipped {workers.Skipped - skippedBefore}",
            TimeSpan.FromSeconds(30));

        return (workers.Ran - ranBefore, workers.Skipped - skippedBefore);
    }
}
