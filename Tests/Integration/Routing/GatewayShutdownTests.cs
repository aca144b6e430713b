using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Routing;

/// A gateway that stops takes its clients' interest with it, everywhere.
public sealed class GatewayShutdownTests : IAsyncLifetime
{
    private readonly BrokerFixture _broker = new();

    public Task InitializeAsync() => _broker.InitializeAsync();

    public Task DisposeAsync() => _broker.DisposeAsync();

    [Fact]
    public async Task Stopped_gateway_drops_its_interest_from_the_others()
    {
        await using var a = await _broker.ConnectAsync();
        var b = await _broker.ConnectAsync(toB: true);
        var sub = await b.SubscribeCoreAsync<int>("stop.here");
        await b.PingAsync();
        Assert.False(await CrossGatewayTests.HasNoRespondersAsync(a, "stop.here"));

        await _broker.B.StopAsync();

        Assert.Equal(0, _broker.B.ClientCount);
        Assert.True(await CrossGatewayTests.HasNoRespondersAsync(a, "stop.here"), "after B stopped, A still routes to it");
        await b.DisposeAsync();
    }
}
