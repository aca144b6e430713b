using System.Net;
using System.Text.Json;

namespace Natrium.Tests.Integration.Monitoring;

/// /subsz, /accountz, /accstatz, /healthz, /routez, /gatewayz, /leafz and bad options, against a
/// natrium process, with nats-server 2.9.10's shapes, status codes and error texts
/// (spec/monitoring_cluster.md §1, §2, §5, §6).
[Collection("monitoring")]
public sealed class MonitoringEndpointTests(NatsMonitoringFixture fixture) : IClassFixture<NatsMonitoringFixture>
{
    private static readonly string[] SublistStats =
        ["num_subscriptions", "num_cache", "num_inserts", "num_removes", "num_matches", "cache_hit_rate", "max_fanout", "avg_fanout"];

    [Fact]
    public async Task Subsz_lists_local_subscriptions_with_test_account_and_paging()
    {
        await using var nc = await fixture.ConnectAsync("subsz1", "subs");
        await using var a = await nc.SubscribeCoreAsync<string>("subsz.a");
        await using var b = await nc.SubscribeCoreAsync<string>("subsz.*", queueGroup: "q");
        await nc.PingAsync();

        // Without subs=1 the body is only the sublist statistics.
        var bare = await fixture.GetJsonAsync("/subsz?acc=SUBSZ");
        Assert.Equal(SublistStats, ConnzTests.Keys(bare));

        // NATS.Net adds its own _INBOX subscription: the count covers every one listed.
        var listed = await fixture.GetJsonAsync("/subsz?acc=SUBSZ&subs=1");
        Assert.Equal(["server_id", "now", .. SublistStats, "total", "offset", "limit", "subscriptions_list"], ConnzTests.Keys(listed));
        var subjects = listed.GetProperty("subscriptions_list").EnumerateArray().Select(s => s.GetProperty("subject").GetString()).ToList();
        Assert.Equal(["subsz.*", "subsz.a"], subjects.Where(s => s?.StartsWith("_INBOX.", StringComparison.Ordinal) == false).Order(StringComparer.Ordinal));
        Assert.Equal(subjects.Count, listed.GetProperty("total").GetInt32());
        Assert.Equal(subjects.Count, bare.GetProperty("num_subscriptions").GetInt32());
        var item = listed.GetProperty("subscriptions_list").EnumerateArray().Single(s => s.GetProperty("subject").GetString() == "subsz.*");
        Assert.Equal(["account", "subject", "qgroup", "sid", "msgs", "cid"], ConnzTests.Keys(item));
        Assert.Equal("SUBSZ", item.GetProperty("account").GetString());

        // test= keeps the subscriptions a literal subject matches; total counts the page.
        var matched = await fixture.GetJsonAsync("/subsz?acc=SUBSZ&subs=1&test=subsz.b");
        Assert.Equal("subsz.*", Assert.Single(matched.GetProperty("subscriptions_list").EnumerateArray()).GetProperty("subject").GetString());
        var page = await fixture.GetJsonAsync("/subsz?acc=SUBSZ&subs=1&offset=1&limit=1");
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("offset").GetInt32());
        Assert.Equal(SublistStats, ConnzTests.Keys(await fixture.GetJsonAsync("/subscriptionsz?acc=SUBSZ&subs=1&test=nothing.here")));
    }

    [Fact]
    public async Task Accountz_and_accstatz_report_accounts_and_their_traffic()
    {
        await using var nc = await fixture.ConnectAsync("statz1", "statz");
        await using var sub = await nc.SubscribeCoreAsync<string>("statz.x");
        await nc.PublishAsync("statz.x", "1234");
        await sub.Msgs.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        var accountz = await fixture.GetJsonAsync("/accountz");
        Assert.Equal(["server_id", "now", "system_account", "accounts"], ConnzTests.Keys(accountz));
        Assert.Equal("$SYS", accountz.GetProperty("system_account").GetString());
        var names = accountz.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("$G", names);
        Assert.Contains("STATZ", names);

        var detail = (await fixture.GetJsonAsync("/accountz?acc=STATZ")).GetProperty("account_detail");
        Assert.Equal("STATZ", detail.GetProperty("account_name").GetString());
        Assert.Equal(1, detail.GetProperty("client_connections").GetInt32());
        Assert.Equal((await fixture.GetJsonAsync("/subsz?acc=STATZ")).GetProperty("num_subscriptions").GetInt32(), detail.GetProperty("subscriptions").GetInt32());
        Assert.Equal(SublistStats, ConnzTests.Keys(detail.GetProperty("sublist_stats")));

        var statz = (await fixture.GetJsonAsync("/accstatz")).GetProperty("account_statz").EnumerateArray()
            .Single(a => a.GetProperty("acc").GetString() == "STATZ");
        Assert.Equal(["acc", "conns", "leafnodes", "total_conns", "sent", "received", "slow_consumers"], ConnzTests.Keys(statz));
        Assert.Equal(1, statz.GetProperty("conns").GetInt32());
        Assert.Equal(1, statz.GetProperty("sent").GetProperty("msgs").GetInt64());
        Assert.Equal(4, statz.GetProperty("received").GetProperty("bytes").GetInt64());

        // Accounts without local connections only with unused=true.
        var all = (await fixture.GetJsonAsync("/accstatz?unused=true")).GetProperty("account_statz").EnumerateArray().Select(a => a.GetProperty("acc").GetString()).ToList();
        Assert.Contains("$SYS", all);
        Assert.DoesNotContain("$SYS", (await fixture.GetJsonAsync("/accstatz")).GetProperty("account_statz").EnumerateArray().Select(a => a.GetProperty("acc").GetString()));
    }

    [Fact]
    public async Task Healthz_routez_gatewayz_and_leafz_have_the_shapes_of_a_server_without_those_features()
    {
        using var health = await fixture.Http.GetAsync(fixture.Natrium.MonitoringUrl + "/healthz?js-enabled-only=true");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await health.Content.ReadAsStringAsync());

        var routez = await fixture.GetJsonAsync("/routez");
        Assert.Equal(["server_id", "now", "num_routes", "routes"], ConnzTests.Keys(routez));
        Assert.Equal(0, routez.GetProperty("routes").GetArrayLength());
        var gatewayz = await fixture.GetJsonAsync("/gatewayz");
        Assert.Equal(["server_id", "now", "outbound_gateways", "inbound_gateways"], ConnzTests.Keys(gatewayz));
        var leafz = await fixture.GetJsonAsync("/leafz");
        Assert.Equal(["server_id", "now", "leafnodes", "leafs"], ConnzTests.Keys(leafz));
        Assert.Equal(JsonValueKind.Null, leafz.GetProperty("leafs").ValueKind);

        // Any method is served like GET, and ?callback= wraps the JSON as JSONP.
        using var post = await fixture.Http.PostAsync(fixture.Natrium.MonitoringUrl + "/routez?callback=cb", null);
        Assert.Equal("application/javascript", post.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("cb({", await post.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/connz?sort=rtt", "invalid sorting option: rtt")]
    [InlineData("/connz?sort=bogus", "invalid sorting option: bogus")]
    [InlineData("/connz?sort=stop", "sort by stop only valid on closed connections")]
    [InlineData("/connz?sort=reason&state=all", "sort by reason only valid on closed connections")]
    [InlineData("/connz?state=x", "Error decoding state for x")]
    [InlineData("/connz?auth=yes", "Error decoding boolean for 'auth': strconv.ParseBool: parsing \"yes\": invalid syntax")]
    [InlineData("/connz?limit=x", "Error decoding int for 'limit': strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("/connz?cid=-1", "Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"-1\": invalid syntax")]
    [InlineData("/subsz?test=foo.*", "invalid test subject, must be valid publish subject: foo.*")]
    [InlineData("/subsz?subs=detail", "Error decoding boolean for 'subs': strconv.ParseBool: parsing \"detail\": invalid syntax")]
    [InlineData("/accountz?acc=NOPE", "Account NOPE does not exist")]
    [InlineData("/accstatz?unused=2", "Error decoding boolean for 'unused': strconv.ParseBool: parsing \"2\": invalid syntax")]
    [InlineData("/jsz?leader-only=true", "filtered response: not leader")]
    [InlineData("/healthz?js-enabled-only=x", "Error decoding boolean for 'js-enabled-only': strconv.ParseBool: parsing \"x\": invalid syntax")]
    public async Task Bad_option_is_400_with_nats_server_text(string path, string error)
    {
        using var response = await fixture.Http.GetAsync(fixture.Natrium.MonitoringUrl + path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(error, await response.Content.ReadAsStringAsync());
    }
}
