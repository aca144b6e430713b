using Natrium.Grains.Streams.Api;
using Natrium.Grains.Streams.Store;

namespace Natrium.Tests.Unit.JetStream.Api;

/// DIRECT.GET requests and answers of spec §2.7 (statuses seen on 2.9.10).
public sealed class DirectGetTests
{
    [Theory]
    [InlineData("", "NATS/1.0 408 Empty Request\r\n\r\n")]
    [InlineData("{}", "NATS/1.0 408 Empty Request\r\n\r\n")]
    [InlineData("null", "NATS/1.0 408 Empty Request\r\n\r\n")]
    [InlineData("""{"seq":0}""", "NATS/1.0 408 Empty Request\r\n\r\n")]
    [InlineData("x", "NATS/1.0 408 Malformed Request\r\n\r\n")]
    [InlineData("""{"seq":"1"}""", "NATS/1.0 408 Malformed Request\r\n\r\n")]
    [InlineData("""{"seq":1,"last_by_subj":"a"}""", "NATS/1.0 408 Bad Request\r\n\r\n")]
    [InlineData("""{"last_by_subj":"a","next_by_subj":"b"}""", "NATS/1.0 408 Bad Request\r\n\r\n")]
    public void Parse_refusals_are_408_statuses(string body, string status)
    {
        var (request, answer) = DirectGet.Parse(JsTestData.Bytes(body));
        Assert.Null(request);
        Assert.Equal(status, JsTestData.Text(answer!));
    }

    [Fact]
    public void Parse_kv_requests()
    {
        // NATS.Net KV Get and Get(revision), spec §7.1; 2.9.10 ignores `batch`.
        var (last, _) = DirectGet.Parse("""{"last_by_subj":"$KV.cfg.a.b"}"""u8);
        Assert.Equal(MsgGetKind.LastBySubject, last!.Kind);
        var (revision, _) = DirectGet.Parse("""{"seq":1,"next_by_subj":"$KV.cfg.a.b","batch":5}"""u8);
        Assert.Equal((MsgGetKind.NextBySubject, 1UL), (revision!.Kind, revision.Sequence));
    }

    [Fact]
    public void ParseLastBySubject_takes_the_subject_and_no_body()
    {
        var subject = JsApiSubject.Parse("$JS.API.DIRECT.GET.KV_cfg.$KV.cfg.*")!;
        var (request, status) = DirectGet.ParseLastBySubject(subject, ReadOnlySpan<byte>.Empty);
        Assert.Null(status);
        Assert.Equal("$KV.cfg.*", request!.LastBySubject);
        var (refused, bad) = DirectGet.ParseLastBySubject(subject, "{}"u8);
        Assert.Null(refused);
        Assert.Equal("NATS/1.0 408 Bad Request\r\n\r\n", JsTestData.Text(bad!));
    }

    [Fact]
    public void NotFound_is_404()
    {
        Assert.Equal("NATS/1.0 404 Message Not Found\r\n\r\n", JsTestData.Text(DirectGet.NotFound));
    }

    [Fact]
    public void Headers_match_the_spec_example()
    {
        var message = new StoredMessage(9, "orders.x", "NATS/1.0\r\nNats-Msg-Id: m1\r\n\r\n"u8.ToArray(), "d1"u8.ToArray(),
            JsTestData.Nanos("2026-12-02T14:22:52.128833599Z"));
        byte[] headers = DirectGet.Headers(message, "ORDERS");
        Assert.Equal(
            "NATS/1.0\r\nNats-Msg-Id: m1\r\nNats-Stream: ORDERS\r\nNats-Subject: orders.x\r\nNats-Sequence: 9\r\nNats-Time-Stamp: 2026-12-02T14:22:52.128833599Z\r\n\r\n",
            JsTestData.Text(headers));
        Assert.Equal(141, headers.Length); // HMSG _INBOX.r3 3  141 143
    }

    [Fact]
    public void Headers_without_stored_headers_start_with_the_version_line()
    {
        var message = new StoredMessage(1, "a", ReadOnlyMemory<byte>.Empty, "x"u8.ToArray(), JsTestData.Nanos("2026-12-02T14:22:52Z"));
        Assert.Equal(
            "NATS/1.0\r\nNats-Stream: S\r\nNats-Subject: a\r\nNats-Sequence: 1\r\nNats-Time-Stamp: 2026-12-02T14:22:52Z\r\n\r\n",
            JsTestData.Text(DirectGet.Headers(message, "S")));
    }

    [Fact]
    public void Headers_keep_stored_bytes_as_they_are()
    {
        byte[] stored = [.. "NATS/1.0\r\nX: "u8, 0xFF, 0xFE, .. "\r\n\r\n"u8];
        var message = new StoredMessage(1, "a", stored, ReadOnlyMemory<byte>.Empty, 0);
        byte[] headers = DirectGet.Headers(message, "S");
        Assert.Equal(stored[..^2], headers[..(stored.Length - 2)]);
    }
}
