using System.Text.Json;
using NATS.Client.Core;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Callout;

/// The callout's own health is visible: connect and auth-error events carry how long the callout
/// took and how it ended (Natrium's `callout` member), so a slow or failing service shows up.
public sealed class CalloutEventTests(CalloutFixture broker) : IClassFixture<CalloutFixture>
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Connect_and_auth_error_events_carry_the_callout_duration_and_outcome()
    {
        await using var sys = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "sys", Password = "pw" } });
        var errors = await sys.SubscribeCoreAsync<string>("$SYS.SERVER.*.CLIENT.AUTH.ERR");
        var connects = await sys.SubscribeCoreAsync<string>("$SYS.ACCOUNT.APP.CONNECT");
        await sys.PingAsync();

        var (c, _) = await RawClient.ConnectAsync(broker.PortA);
        await using (c)
        {
            await c.SendAsync("CONNECT {\"verbose\":false,\"user\":\"denied\",\"pass\":\"x\"}\r\n");
            await c.ExpectClosedAsync(Quick);
        }

        using (var failed = JsonDocument.Parse((await errors.Msgs.ReadAsync().AsTask().WaitAsync(Quick)).Data!))
        {
            var callout = failed.RootElement.GetProperty("client").GetProperty("callout");
            Assert.Equal("auth callout: the service returned an error", callout.GetProperty("outcome").GetString());
            Assert.InRange(callout.GetProperty("duration_ms").GetDouble(), 0, Quick.TotalMilliseconds);
            Assert.DoesNotContain("no such user", failed.RootElement.GetRawText(), StringComparison.Ordinal);
        }

        await using var alice = await broker.ConnectAsync(configure: o => o with { AuthOpts = NatsAuthOpts.Default with { Username = "alice", Password = "secret" } });
        await alice.PingAsync();
        using var connected = JsonDocument.Parse((await connects.Msgs.ReadAsync().AsTask().WaitAsync(Quick)).Data!);
        Assert.Equal("allowed", connected.RootElement.GetProperty("client").GetProperty("callout").GetProperty("outcome").GetString());
        Assert.Equal("APP", connected.RootElement.GetProperty("client").GetProperty("acc").GetString());
    }
}
