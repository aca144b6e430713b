using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Natrium.Tests.Integration.Monitoring;

/// /metrics (Prometheus text through OpenTelemetry's exporter) and http_auth, against a
/// natrium process: the broker's counters after known traffic, per-account series, Orleans'
/// own metrics in the same scrape, and the credentials every monitoring path then needs.
[Collection("monitoring-extras")]
public sealed class MetricsTests(MonitoringExtrasFixture fixture) : IClassFixture<MonitoringExtrasFixture>
{
    [Fact]
    public async Task Metrics_scrape_reports_varz_counters_account_traffic_and_orleans_metrics()
    {
        var nc = await fixture.ConnectAsync("p", "metrics");
        await using (nc)
        {
            await using var sub = await nc.SubscribeCoreAsync<string>("metrics.x");
            await nc.PingAsync();
            for (var i = 0; i < 3; i++)
            {
                await nc.PublishAsync("metrics.x", "hello");
                await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            }

            // Account P's only client: 3 messages of 5 bytes in, and 3 delivered back to it.
            var open = await ScrapeAsync();
            Assert.Equal(3, Value(open, "natrium_account_in_msgs", "account=\"P\""));
            Assert.Equal(15, Value(open, "natrium_account_in_bytes", "account=\"P\""));
            Assert.Equal(3, Value(open, "natrium_account_out_msgs", "account=\"P\""));
            Assert.Equal(1, Value(open, "natrium_account_connections", "account=\"P\""));
            Assert.True(Value(open, "gnatsd_varz_connections") >= 1, open);
            Assert.True(Value(open, "gnatsd_varz_subscriptions") >= 1, open);
        }

        // Counts are since start: a closed connection's traffic stays, counted once.
        await Natrium.Tests.TestKit.Eventually.TrueAsync(
            async () => Value(await ScrapeAsync(), "natrium_account_connections", "account=\"P\"") == 0, "the closed connection leaves account P");
        var scrape = await ScrapeAsync();
        Assert.Equal(3, Value(scrape, "natrium_account_in_msgs", "account=\"P\""));
        Assert.Equal(15, Value(scrape, "natrium_account_out_bytes", "account=\"P\""));
        Assert.True(Value(scrape, "gnatsd_varz_in_msgs") >= 3, scrape);
        Assert.True(Value(scrape, "gnatsd_varz_mem") > 0, scrape);
        Assert.True(Value(scrape, "natrium_uptime_seconds") > 0, scrape);
        Assert.Contains("# TYPE gnatsd_varz_in_msgs gauge", scrape, StringComparison.Ordinal);
        // Orleans' runtime metrics ride along in the same scrape.
        Assert.Contains(scrape.Split('\n'), line => line.StartsWith("orleans_", StringComparison.Ordinal));

        // The /varz numbers and the scrape come from the same counters.
        var varz = await fixture.GetJsonAsync("/varz");
        var again = await ScrapeAsync();
        Assert.Equal(varz.GetProperty("total_connections").GetInt64(), Value(again, "gnatsd_varz_total_connections"));
    }

    [Fact]
    public async Task Http_auth_refuses_missing_or_wrong_credentials_and_accepts_basic_or_bearer()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var path in new[] { "/varz", "/connz?auth=1", "/metrics", "/healthz", "" })
        {
            using var none = await client.GetAsync(fixture.Root + path);
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Empty(await none.Content.ReadAsByteArrayAsync());
            Assert.Equal("Basic", none.Headers.WwwAuthenticate.Single().Scheme);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, new AuthenticationHeaderValue("Bearer", "t0ken-for-test")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, new AuthenticationHeaderValue("Bearer", MonitoringExtrasFixture.Token + "x")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, Basic("mon", "wrong")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, Basic("Mon", "s3cret-pass")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, Basic(MonitoringExtrasFixture.Token, string.Empty)));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, new AuthenticationHeaderValue("Basic", "not base64!")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, Basic("mon", "s3cret-pass")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, new AuthenticationHeaderValue("Bearer", MonitoringExtrasFixture.Token)));

        // Refusals are logged with the address, never with what was sent or what is expected.
        await Natrium.Tests.TestKit.Eventually.TrueAsync(
            () => fixture.Natrium.Process.Output.Contains("Monitoring: refused a request from 127.0.0.1", StringComparison.Ordinal),
            "the refusal is logged", () => fixture.Natrium.Process.Output);
        Assert.DoesNotContain(MonitoringExtrasFixture.Token, fixture.Natrium.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", fixture.Natrium.Process.Output, StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> StatusAsync(HttpClient client, AuthenticationHeaderValue header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Root + "/varz");
        request.Headers.Authorization = header;
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    private async Task<string> ScrapeAsync()
    {
        using var response = await fixture.Http.GetAsync(fixture.Root + "/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/metrics: {(int)response.StatusCode} {body}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// The value of the one series of metric whose labels contain label (any when null).
    private static double Value(string scrape, string metric, string? label = null)
    {
        var lines = scrape.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && (label is null || l.Contains(label, StringComparison.Ordinal)))
            .ToList();
        Assert.True(lines.Count == 1, $"one {metric} series with {label}, got {lines.Count}:\n{scrape}");
        return double.Parse(lines[0][(lines[0].LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
