using System.Net;
using System.Text.Json;
using Natrium.Contracts.Subjects;
using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.Monitoring;

/// The Orleans dashboard and /grainz on the monitoring listener: served with the configured
/// credentials, refused without them, and the nats-server endpoints beside them stay open.
[Collection("monitoring")]
public sealed class DashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Dashboard_with_right_credentials_shows_the_silo_and_its_grain_types()
    {
        using var http = DashboardFixture.Client(DashboardFixture.Username, DashboardFixture.Password);
        var page = await http.GetAsync(fixture.Monitoring + "/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // The dashboard's grain samples the cluster once a second: wait for a sample with ours.
        string seen = string.Empty;
        await Eventually.TrueAsync(async () =>
        {
            seen = await http.GetStringAsync(fixture.Monitoring + "/dashboard/DashboardCounters");
            using var counters = JsonDocument.Parse(seen);
            return counters.RootElement.GetProperty("hosts").GetArrayLength() == 1
                && counters.RootElement.GetProperty("simpleGrainStats").EnumerateArray()
                    .Any(s => s.GetProperty("grainType").GetString()!.Contains("SubjectShardGrain", StringComparison.Ordinal));
        }, "the dashboard counts one silo with subject-shard grains", TimeSpan.FromSeconds(15));
        using var hosts = JsonDocument.Parse(seen);
        Assert.Equal("Active", hosts.RootElement.GetProperty("hosts")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Grainz_lists_activations_per_silo_and_grain_type()
    {
        // A client of T with subscriptions in two shards starts those two shard grains (an
        // account nobody uses, or whose clients subscribe to nothing, costs none).
        await using var client = new NATS.Client.Core.NatsConnection(new NATS.Client.Core.NatsOpts
        {
            Url = fixture.Natrium.Url,
            AuthOpts = new NATS.Client.Core.NatsAuthOpts { Username = "t", Password = "t" },
        });
        await client.ConnectAsync();
        var subjects = Enumerable.Range(0, 100).Select(i => $"grainz{i}.x")
            .DistinctBy(s => SubjectShards.ShardOf(System.Text.Encoding.ASCII.GetBytes(s))).Take(2).ToArray();
        await using var first = await client.SubscribeCoreAsync<string>(subjects[0]);
        await using var second = await client.SubscribeCoreAsync<string>(subjects[1]);
        await client.PingAsync();
        using var http = DashboardFixture.Client(DashboardFixture.Username, DashboardFixture.Password);
        using var grainz = JsonDocument.Parse(await http.GetStringAsync(fixture.Monitoring + "/grainz"));
        var silo = Assert.Single(grainz.RootElement.GetProperty("silos").EnumerateArray());
        Assert.Equal(grainz.RootElement.GetProperty("silo").GetString(), silo.GetProperty("silo").GetString());
        var types = silo.GetProperty("grain_types").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.True(types.GetValueOrDefault("Natrium.Grains.Subjects.SubjectShardGrain") >= 2, string.Join(", ", types));
        Assert.True(types.GetValueOrDefault("Natrium.Grains.Accounts.AccountGrain") >= 1, string.Join(", ", types));
        Assert.Equal(types.Values.Sum(), silo.GetProperty("activations").GetInt32());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("admin", "wrong")]
    [InlineData("someone", DashboardFixture.Password)]
    [InlineData("admin", "")]
    public async Task Dashboard_and_grainz_refuse_missing_or_wrong_credentials(string? user, string? password)
    {
        using var http = DashboardFixture.Client(user, password);
        foreach (var path in new[] { "/dashboard/", "/dashboard/DashboardCounters", "/dashboard/index.min.js", "/grainz" })
        {
            var response = await http.GetAsync(fixture.Monitoring + path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }
    }

    [Fact]
    public async Task Malformed_authorization_headers_are_refused()
    {
        using var http = DashboardFixture.Client();
        foreach (var header in new[] { "Basic", "Basic !!!", "Basic " + Convert.ToBase64String("admin"u8), "Bearer " + DashboardFixture.Password })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Monitoring + "/grainz");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task The_grain_state_page_is_not_served_even_with_credentials()
    {
        using var http = DashboardFixture.Client(DashboardFixture.Username, DashboardFixture.Password);
        var response = await http.GetAsync(fixture.Monitoring + "/dashboard/GrainState?grainId=T&grainType=Natrium.Grains.Accounts.AccountGrain");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Varz_and_healthz_stay_open_beside_the_dashboard()
    {
        using var http = DashboardFixture.Client();
        Assert.Contains("\"ok\"", await http.GetStringAsync(fixture.Monitoring + "/healthz"), StringComparison.Ordinal);
        using var varz = JsonDocument.Parse(await http.GetStringAsync(fixture.Monitoring + "/varz"));
        Assert.Equal(fixture.Natrium.Port, varz.RootElement.GetProperty("port").GetInt32());
    }
}
