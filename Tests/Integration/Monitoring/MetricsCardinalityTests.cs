using System.Text;
using Natrium.Silo.Monitoring;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// /metrics gives most instruments room for few series (MetricCardinality: OpenTelemetry keeps
/// an array of that many points per instrument), but every account that connected keeps a
/// series of its own, well past that smaller limit.
public sealed class MetricsCardinalityTests
{
    [Fact]
    public async Task Every_account_keeps_its_own_series_past_the_limit_of_the_other_instruments()
    {
        var accounts = MetricCardinality.Ordinary + 20;
        var config = new StringBuilder("http: 127.0.0.1:-1\naccounts: {\n");
        for (var i = 0; i < accounts; i++)
        {
            config.Append($"  T{i}: {{ users: [{{user: u{i}, password: p}}] }}\n");
        }

        await using var natrium = await ConfiguredNatrium.StartAsync(config.Append("}\n").ToString());
        for (var i = 0; i < accounts; i++)
        {
            var (client, _) = await RawClient.ConnectAsync(natrium.Port);
            await using var _ = client;
            await client.SendAsync($"CONNECT {{\"user\":\"u{i}\",\"pass\":\"p\",\"verbose\":false}}\r\nPING\r\n");
            await client.ExpectLineAsync("PONG");
        }

        using var http = new HttpClient { BaseAddress = new Uri(natrium.MonitoringUrl!), Timeout = TimeSpan.FromSeconds(10) };
        var series = (await http.GetStringAsync("/metrics")).Split('\n')
            .Where(line => line.StartsWith("natrium_account_in_msgs{", StringComparison.Ordinal))
            .ToList();
        for (var i = 0; i < accounts; i++)
        {
            Assert.Contains(series, line => line.Contains($"account=\"T{i}\"", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(series, line => line.Contains("overflow", StringComparison.Ordinal));
    }
}
