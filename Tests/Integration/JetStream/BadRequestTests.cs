using Natrium.Tests.TestKit;

namespace Natrium.Tests.Integration.JetStream;

/// Malformed and hostile API requests over raw sockets (spec/jetstream.md §0, §2.2, §4):
/// each gets the answer nats-server 2.9.10 gives, byte for byte (checked with
/// NATRIUM_REFERENCE_SERVER), and the connection that sent it keeps being served.
public sealed class BadRequestTests(TenantsFixture broker) : IClassFixture<TenantsFixture>
{
    private const string BadName = "stream name is required and can not contain '.', '*', '\\u003e'";

    [Theory]
    [InlineData("a*b", """{"name":"a*b","subjects":["names1.>"]}""", 500, 10052, BadName)]
    [InlineData("*", """{"name":"*","subjects":["names2.>"]}""", 500, 10052, BadName)]
    [InlineData(">", """{"name":">","subjects":["names3.>"]}""", 500, 10052, BadName)]
    [InlineData("a>", """{"name":"a>","subjects":["names4.>"]}""", 500, 10052, BadName)]
    [InlineData("a/b", """{"name":"a/b","subjects":["names5.>"]}""", 400, 10128, "Stream name can not contain path separators")]
    [InlineData("a\\b", """{"name":"a\\b","subjects":["names6.>"]}""", 400, 10128, "Stream name can not contain path separators")]
    [InlineData("NAMED", """{"name":"","subjects":["names7.>"]}""", 400, 10056, "stream name in subject does not match request")]
    [InlineData("NAMED", """{"subjects":["names7.>"]}""", 400, 10056, "stream name in subject does not match request")]
    [InlineData("NAMED", """{"name":"a b","subjects":["names7.>"]}""", 400, 10056, "stream name in subject does not match request")]
    [InlineData("NAMED", """{"name":"OTHER","subjects":["names7.>"]}""", 400, 10056, "stream name in subject does not match request")]
    public async Task Invalid_stream_names_are_refused(string token, string body, int code, int errCode, string description)
    {
        await using var raw = await broker.RawAsync("a");
        Assert.Equal(RawJetStream.Error("stream_create_response", code, errCode, description), await raw.ApiAsync("$JS.API.STREAM.CREATE." + token, body));
        await AssertStillServedAsync(raw);
    }

    [Fact]
    public async Task Stream_name_too_long_or_with_a_dot_or_a_space_gets_what_nats_server_gives()
    {
        await using var raw = await broker.RawAsync("a");
        var longName = new string('N', 256);
        Assert.Equal(
            RawJetStream.Error("stream_create_response", 500, 10052, "stream name is too long, maximum allowed is 255"),
            await raw.ApiAsync("$JS.API.STREAM.CREATE." + longName, $$"""{"name":"{{longName}}","subjects":["long.>"]}"""));

        // A dot adds a subject token: no API subscription matches, so no answer at all.
        await raw.ExpectSilenceAsync("$JS.API.STREAM.CREATE.a.b", """{"name":"a.b","subjects":["dotted.>"]}""");
        await AssertStillServedAsync(raw);

        // A space splits the PUB line into too many arguments: that connection is closed, no other.
        await using var spaced = await broker.RawAsync("a");
        await spaced.SendAsync("PUB $JS.API.STREAM.CREATE.a b _INBOX.x 2\r\n{}\r\n");
        await spaced.ExpectClosedAsync();
        await AssertStillServedAsync(raw);
    }

    [Theory]
    [InlineData("STREAM.CREATE.JSON", """{"name":"JSON","subjects":["json.>"]""", "stream_create_response", "")]
    [InlineData("STREAM.CREATE.JSON", "not json", "stream_create_response", "")]
    [InlineData("STREAM.CREATE.JSON", "", "stream_create_response", "")]
    [InlineData("STREAM.CREATE.JSON", "[]", "stream_create_response", "")]
    [InlineData("STREAM.CREATE.JSON", """{"name":"JSON","subjects":"json.>"}""", "stream_create_response", "")]
    [InlineData("STREAM.CREATE.JSON", """{"name":"JSON","subjects":["json.>"],"max_msgs":"ten"}""", "stream_create_response", "")]
    [InlineData("STREAM.CREATE.JSON", """{"name":"JSON","subjects":["json.>"],"retention":"bogus"}""", "stream_create_response", "")]
    [InlineData("STREAM.UPDATE.BADJSON", "garbage", "stream_update_response", "")]
    [InlineData("STREAM.INFO.BADJSON", "garbage", "stream_info_response", ",\"total\":0,\"offset\":0,\"limit\":0")]
    [InlineData("STREAM.PURGE.BADJSON", "garbage", "stream_purge_response", ",\"purged\":0")]
    [InlineData("STREAM.NAMES", "garbage", "stream_names_response", ",\"total\":0,\"offset\":0,\"limit\":0,\"streams\":null")]
    [InlineData("STREAM.LIST", """{"offset":"x"}""", "stream_list_response", ",\"total\":0,\"offset\":0,\"limit\":0,\"streams\":[]")]
    [InlineData("STREAM.MSG.GET.BADJSON", "garbage", "stream_msg_get_response", "")]
    [InlineData("STREAM.MSG.DELETE.BADJSON", "garbage", "stream_msg_delete_response", "")]
    [InlineData("CONSUMER.CREATE.BADJSON", "garbage", "consumer_create_response", "")]
    [InlineData("CONSUMER.CREATE.BADJSON", "", "consumer_create_response", "")]
    [InlineData("CONSUMER.CREATE.BADJSON.p", """{"stream_name":"BADJSON","config":{"durable_name":"p","deliver_policy":"nope"}}""", "consumer_create_response", "")]
    [InlineData("CONSUMER.NAMES.BADJSON", "garbage", "consumer_names_response", ",\"total\":0,\"offset\":0,\"limit\":0,\"consumers\":[]")]
    public async Task Bad_json_gets_400_10025_invalid_json(string operation, string body, string type, string rest)
    {
        await using var raw = await broker.RawAsync("a");
        await EnsureStreamAsync(raw, "BADJSON");
        Assert.Equal(RawJetStream.Error(type, 400, 10025, "invalid JSON", rest), await raw.ApiAsync("$JS.API." + operation, body));
        await AssertStillServedAsync(raw);
    }

    [Theory]
    [InlineData("STREAM.DELETE.BADBODY", "garbage", "stream_delete_response", 10038, "expected an empty request payload", "")]
    [InlineData("STREAM.MSG.GET.BADBODY", "", "stream_msg_get_response", 10003, "bad request", "")]
    [InlineData("STREAM.MSG.GET.BADBODY", """{"seq":1,"last_by_subj":"badbody.x"}""", "stream_msg_get_response", 10003, "bad request", "")]
    [InlineData("STREAM.PURGE.BADBODY", """{"seq":1,"keep":1}""", "stream_purge_response", 10003, "bad request", ",\"purged\":0")]
    public async Task Wrong_bodies_get_their_400s(string operation, string body, string type, int errCode, string description, string rest)
    {
        await using var raw = await broker.RawAsync("a");
        await EnsureStreamAsync(raw, "BADBODY");
        Assert.Equal(RawJetStream.Error(type, 400, errCode, description, rest), await raw.ApiAsync("$JS.API." + operation, body));
        await AssertStillServedAsync(raw);
    }

    [Theory]
    [InlineData("STREAM.INFO.MISSING", "", "stream_info_response", 10059, ",\"total\":0,\"offset\":0,\"limit\":0")]
    [InlineData("STREAM.UPDATE.MISSING", """{"name":"MISSING","subjects":["missing.>"]}""", "stream_update_response", 10059, "")]
    [InlineData("STREAM.DELETE.MISSING", "", "stream_delete_response", 10059, "")]
    [InlineData("STREAM.PURGE.MISSING", "", "stream_purge_response", 10059, ",\"purged\":0")]
    [InlineData("CONSUMER.CREATE.MISSING.c", """{"stream_name":"MISSING","config":{"durable_name":"c"}}""", "consumer_create_response", 10059, "")]
    [InlineData("CONSUMER.INFO.MISSING.c", "", "consumer_info_response", 10059, "")]
    [InlineData("CONSUMER.INFO.KNOWN.missing", "", "consumer_info_response", 10014, "")]
    [InlineData("CONSUMER.DELETE.KNOWN.missing", "", "consumer_delete_response", 10014, "")]
    public async Task Unknown_streams_get_10059_and_unknown_consumers_10014(string operation, string body, string type, int errCode, string rest)
    {
        await using var raw = await broker.RawAsync("a");
        await EnsureStreamAsync(raw, "KNOWN");
        var description = errCode == 10059 ? "stream not found" : "consumer not found";
        Assert.Equal(RawJetStream.Error(type, 404, errCode, description, rest), await raw.ApiAsync("$JS.API." + operation, body));
        await AssertStillServedAsync(raw);
    }

    [Theory]
    [InlineData("""["taken.x"]""", 400, 10065, "subjects overlap with an existing stream")]
    [InlineData("""[">"]""", 400, 10065, "subjects overlap with an existing stream")]
    [InlineData("""["taken.*.deeper"]""", 400, 10065, "subjects overlap with an existing stream")]
    [InlineData("""["a..b"]""", 500, 10052, "invalid subject")]
    [InlineData("""["a b"]""", 500, 10052, "invalid subject")]
    [InlineData("""[""]""", 500, 10052, "invalid subject")]
    [InlineData("""["$JS.API.>"]""", 500, 10052, "subjects overlap with jetstream api")]
    [InlineData("""["dup.a","dup.a"]""", 500, 10052, "duplicate subjects detected")]
    [InlineData("""["inner.*","inner.a"]""", 500, 10052, "subject \\\"inner.*\\\" overlaps with \\\"inner.a\\\"")]
    public async Task Bad_or_overlapping_stream_subjects_are_refused(string subjects, int code, int errCode, string description)
    {
        await using var raw = await broker.RawAsync("a");
        await EnsureStreamAsync(raw, "TAKEN");
        Assert.Equal(
            RawJetStream.Error("stream_create_response", code, errCode, description),
            await raw.ApiAsync("$JS.API.STREAM.CREATE.INTRUDER", $$"""{"name":"INTRUDER","subjects":{{subjects}}}"""));
        await AssertStillServedAsync(raw);
    }

    [Theory]
    [InlineData("CONSUMER.CREATE.CONSUMED.f", """{"stream_name":"CONSUMED","config":{"durable_name":"f","filter_subject":"elsewhere.>","ack_policy":"explicit"}}""", 10093, "consumer filter subject is not a valid subset of the interest subjects")]
    [InlineData("CONSUMER.CREATE.CONSUMED.f", """{"stream_name":"WRONG","config":{"durable_name":"f"}}""", 10056, "stream name in subject does not match request")]
    [InlineData("CONSUMER.CREATE.CONSUMED.f", """{"stream_name":"CONSUMED","config":{"durable_name":"f 2"}}""", 10017, "consumer name in subject does not match durable name in request")]
    [InlineData("CONSUMER.CREATE.CONSUMED.a*b", """{"stream_name":"CONSUMED","config":{"durable_name":"a*b"}}""", 10103, "durable name can not contain '.', '*', '\\u003e'")]
    [InlineData("CONSUMER.CREATE.CONSUMED", """{"stream_name":"CONSUMED","config":{"durable_name":"x"}}""", 10020, "consumer expected to be ephemeral but a durable name was set in request")]
    [InlineData("CONSUMER.CREATE.CONSUMED.f.consumed.a", """{"stream_name":"CONSUMED","config":{"durable_name":"f","filter_subject":"consumed.b"}}""", 10131, "Consumer create request did not match filtered subject from create subject")]
    public async Task Bad_consumer_configs_are_refused(string operation, string body, int errCode, string description)
    {
        await using var raw = await broker.RawAsync("a");
        await EnsureStreamAsync(raw, "CONSUMED");
        Assert.Equal(RawJetStream.Error("consumer_create_response", 400, errCode, description), await raw.ApiAsync("$JS.API." + operation, body));
        await AssertStillServedAsync(raw);
    }

    [Theory]
    [InlineData("STREAM.NAMES", "stream_names_response", 1024, "\"streams\":null")]
    [InlineData("STREAM.LIST", "stream_list_response", 256, "\"streams\":[]")]
    [InlineData("CONSUMER.NAMES.PAGED", "consumer_names_response", 1024, "\"consumers\":[]")]
    [InlineData("CONSUMER.LIST.PAGED", "consumer_list_response", 256, "\"consumers\":[]")]
    public async Task Offsets_beyond_32_bits_are_past_the_end_not_invalid_json(string operation, string type, int limit, string empty)
    {
        // Go's int is 64 bits: 2.9.10 clamps such an offset to the total like any other.
        await using var raw = await broker.RawAsync("a");
        await EnsureStreamAsync(raw, "PAGED");
        Assert.Contains("\"name\":\"only\"", await raw.ApiAsync("$JS.API.CONSUMER.CREATE.PAGED.only", """{"stream_name":"PAGED","config":{"durable_name":"only"}}"""), StringComparison.Ordinal);
        var answer = await raw.ApiAsync("$JS.API." + operation, """{"offset":3000000000}""");
        var total = System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("total").GetInt32();
        Assert.Equal($"{{\"type\":\"io.nats.jetstream.api.v1.{type}\",\"total\":{total},\"offset\":{total},\"limit\":{limit},{empty}}}", answer);
        Assert.True(total >= 1, answer);
    }

    [Fact]
    public async Task Negative_offsets_count_as_zero()
    {
        // nats-server 2.9.10 panics on these (slice bounds out of range) and goes down with every
        // tenant's connections; Natrium answers the first page instead.
        if (ConfiguredBroker.AgainstReference)
        {
            return;
        }

        await using var raw = await broker.RawAsync("a");
        await EnsureStreamAsync(raw, "NEGATIVE");
        Assert.Contains("\"offset\":0,\"limit\":1024,\"streams\":[\"", await raw.ApiAsync("$JS.API.STREAM.NAMES", """{"offset":-1}"""), StringComparison.Ordinal);
        Assert.Contains("\"offset\":0,\"limit\":256,\"streams\":[{", await raw.ApiAsync("$JS.API.STREAM.LIST", """{"offset":-9223372036854775808}"""), StringComparison.Ordinal);
        Assert.Contains("\"subjects\":{\"negative.x\":1}", await PublishAndInfoAsync(raw), StringComparison.Ordinal);
        await AssertStillServedAsync(raw);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_as_go_ignores_them()
    {
        await using var raw = await broker.RawAsync("a");
        var created = await raw.ApiAsync("$JS.API.STREAM.CREATE.UNKNOWNF", """{"name":"UNKNOWNF","subjects":["unknownf.>"],"future_field":{"x":[1,2]},"storage":"file"}""");
        Assert.Contains("\"did_create\":true", created, StringComparison.Ordinal);
        Assert.DoesNotContain("future_field", created, StringComparison.Ordinal);
        var consumer = await raw.ApiAsync("$JS.API.CONSUMER.DURABLE.CREATE.UNKNOWNF.d", """{"stream_name":"UNKNOWNF","config":{"durable_name":"d","ack_policy":"explicit","later":true},"extra":"x"}""");
        Assert.Contains("consumer_create_response\",\"stream_name\":\"UNKNOWNF\",\"name\":\"d\"", consumer, StringComparison.Ordinal);
        await AssertStillServedAsync(raw);
    }

    [Fact]
    public async Task Answer_to_a_wildcard_reply_subject_reaches_nobody()
    {
        await using var raw = await broker.RawAsync("a");
        await EnsureStreamAsync(raw, "WILDREPLY");

        // An API answer, then a pub ack (the one after it is answered in order, to a good reply).
        await raw.SendAsync("SUB evil.> 1\r\nPUB $JS.API.INFO evil.> 0\r\n\r\n");
        var marker = await raw.SendRequestAsync("$JS.API.INFO");
        Assert.Equal(marker, (await raw.ExpectMessageAsync(s => s == marker || s.StartsWith("evil.", StringComparison.Ordinal))).Subject);
        await raw.SendAsync("PUB wildreply.x evil.> 1\r\nm\r\n");
        var acked = await raw.SendRequestAsync("wildreply.x", "n");
        var ack = await raw.ExpectMessageAsync(s => s == acked || s.StartsWith("evil.", StringComparison.Ordinal));
        Assert.Equal(acked, ack.Subject);
        Assert.Contains("\"seq\":2", ack.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replica_counts_beyond_32_bits_are_too_many_not_invalid_json()
    {
        // num_replicas is a Go int (64 bits) in both configs.
        await using var raw = await broker.RawAsync("a");
        await EnsureStreamAsync(raw, "REPLICAS");
        Assert.Equal(
            RawJetStream.Error("stream_create_response", 500, 10052, "maximum replicas is 5"),
            await raw.ApiAsync("$JS.API.STREAM.CREATE.MANY", """{"name":"MANY","subjects":["many.>"],"num_replicas":2147483648}"""));
        Assert.Equal(
            RawJetStream.Error("stream_create_response", 400, 10133, "replicas count cannot be negative"),
            await raw.ApiAsync("$JS.API.STREAM.CREATE.MANY", """{"name":"MANY","subjects":["many.>"],"num_replicas":-2147483649}"""));
        // Natrium accepts replicas above 1 (README, JetStream), so the consumer's count meets the
        // clustered rule: no more replicas than its stream.
        Assert.Equal(
            RawJetStream.Error("consumer_create_response", 400, 10126, "consumer config replica count exceeds parent stream"),
            await raw.ApiAsync("$JS.API.CONSUMER.CREATE.REPLICAS.r", """{"stream_name":"REPLICAS","config":{"durable_name":"r","num_replicas":2147483648}}"""));
    }

    [Fact]
    public async Task Oversized_and_huge_requests_harm_only_their_sender()
    {
        await using var bystander = await broker.RawAsync("b");
        await using var raw = await broker.RawAsync("a");

        // Within max_payload (1 MB): parsed, then refused by its rule.
        var description = new string('d', 1_000_000);
        Assert.Equal(
            RawJetStream.Error("stream_create_response", 500, 10052, "stream description is too long, maximum allowed is 4096"),
            await raw.ApiAsync("$JS.API.STREAM.CREATE.HUGE", $$"""{"name":"HUGE","subjects":["huge.>"],"description":"{{description}}"}"""));
        Assert.Equal(
            RawJetStream.Error("stream_create_response", 400, 10025, "invalid JSON"),
            await raw.ApiAsync("$JS.API.STREAM.CREATE.DEEP", new string('[', 100_000)));
        await AssertStillServedAsync(raw);

        // Above max_payload: refused on the PUB line, the sender is closed, nobody else is.
        await raw.SendAsync("PUB $JS.API.STREAM.CREATE.HUGE _INBOX.huge 1048577\r\n");
        Assert.Contains("-ERR 'Maximum Payload Violation'", await raw.ExpectClosedAsync(), StringComparison.Ordinal);
        await AssertStillServedAsync(bystander);
    }

    private static async Task<string> PublishAndInfoAsync(RawClient raw)
    {
        await raw.RequestAsync("negative.x", "1");
        return await raw.ApiAsync("$JS.API.STREAM.INFO.NEGATIVE", """{"subjects_filter":">","offset":-5}""");
    }

    private static async Task EnsureStreamAsync(RawClient raw, string name)
    {
        // An identical create answers again, so every test may make sure its stream is there.
        var created = await raw.ApiAsync($"$JS.API.STREAM.CREATE.{name}", $$"""{"name":"{{name}}","subjects":["{{name.ToLowerInvariant()}}.>"]}""");
        Assert.Contains("\"did_create\":true", created, StringComparison.Ordinal);
    }

    private static async Task AssertStillServedAsync(RawClient raw) =>
        Assert.Contains("account_info_response\",\"memory\"", await raw.ApiAsync("$JS.API.INFO"), StringComparison.Ordinal);
}
