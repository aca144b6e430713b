using Natrium.Gateway.Hosting;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Core;

public sealed class TwoConnectionsFixture : BrokerFixture
{
    protected override GatewayOptions GatewayTemplate => GatewayOptions.Default with { MaxConnections = 2 };
}

public sealed class MaxConnectionsTests(TwoConnectionsFixture broker) : IClassFixture<TwoConnectionsFixture>
{
    [Fact]
    public async Task Connection_over_the_limit_gets_info_then_error_and_close()
    {
        var (first, _) = await RawClient.ConnectAsync(broker.PortA);
        var (second, _) = await RawClient.ConnectAsync(broker.PortA);
        await using (first)
        await using (second)
        {
            await first.PingAsync();
            await second.PingAsync();
            var (third, info) = await RawClient.ConnectAsync(broker.PortA);
            await using var _ = third;
            Assert.StartsWith("INFO {", info, StringComparison.Ordinal);
            Assert.Equal("-ERR 'maximum connections exceeded'\r\n", await third.ExpectClosedAsync());
            await first.PingAsync();
        }
    }
}
