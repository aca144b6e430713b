using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

/// STREAM.INFO, PURGE, NAMES/LIST, MSG.GET, MSG.DELETE and empty-body requests as 2.9.10 reads
/// them (each error seen on 2.9.10).
public sealed class RequestParserTests
{
    private static byte[] B(string text) => JsTestData.Bytes(text);

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("null")]
    public void StreamInfo_empty_asks_for_nothing(string body)
    {
        var request = StreamInfoRequest.Parse(B(body)).Value!;
        Assert.Equal((false, null, 0), (request.DeletedDetails, request.SubjectsFilter, request.Offset));
    }

    [Fact]
    public void StreamInfo_reads_filter_details_and_offset()
    {
        var request = StreamInfoRequest.Parse(B("""{"subjects_filter":"p.*","deleted_details":true,"offset":5}""")).Value!;
        Assert.Equal((true, "p.*", 5), (request.DeletedDetails, request.SubjectsFilter, request.Offset));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("x")]
    [InlineData(" ")]
    [InlineData("""{"offset":"1"}""")]
    public void StreamInfo_malformed_is_invalid_json(string body) =>
        Assert.Same(JsErrors.InvalidJson, StreamInfoRequest.Parse(B(body)).Error);

    [Fact]
    public void Purge_rules()
    {
        Assert.Same(StreamPurgeRequest.All, StreamPurgeRequest.Parse(B("")).Value);
        Assert.Same(StreamPurgeRequest.All, StreamPurgeRequest.Parse(B("{}")).Value);
        Assert.Same(JsErrors.BadRequest, StreamPurgeRequest.Parse(B("""{"seq":3,"keep":1}""")).Error);
        Assert.Same(JsErrors.InvalidJson, StreamPurgeRequest.Parse(B("""{"seq":-3}""")).Error);
        var filtered = StreamPurgeRequest.Parse(B("""{"filter":"d.*","keep":2}""")).Value!;
        Assert.Equal(("d.*", 0UL, 2UL), (filtered.Filter, filtered.Sequence, filtered.Keep));
        Assert.Equal(9UL, StreamPurgeRequest.Parse(B("""{"seq":9,"keep":0}""")).Value!.Sequence);
    }

    [Fact]
    public void Paged_reads_offset_and_subject()
    {
        Assert.Equal(0, PagedRequest.Parse(B("")).Value!.Offset);
        var request = PagedRequest.Parse(B("""{"offset":1,"subject":"orders.*"}""")).Value!;
        Assert.Equal((1, "orders.*"), (request.Offset, request.Subject));
        Assert.Same(JsErrors.InvalidJson, PagedRequest.Parse(B("x")).Error);
    }

    [Fact]
    public void Offsets_are_64_bit_go_ints_clamped_to_the_page()
    {
        Assert.Equal(3_000_000_000L, PagedRequest.Parse(B("""{"offset":3000000000}""")).Value!.Offset);
        Assert.Equal(long.MinValue, StreamInfoRequest.Parse(B("""{"offset":-9223372036854775808}""")).Value!.Offset);
        Assert.Same(JsErrors.InvalidJson, PagedRequest.Parse(B("""{"offset":9223372036854775808}""")).Error);
        Assert.Equal(2, ApiPage<string>.Of(["a", "b"], n => n, 3_000_000_000L, ApiLimits.Names).Offset);
        Assert.Equal(0, ApiPage<string>.Of(["a", "b"], n => n, long.MinValue, ApiLimits.Names).Offset);
    }

    [Theory]
    [InlineData("""{"seq":9}""", "Sequence", 9UL, null, null)]
    [InlineData("""{"last_by_subj":"orders.*"}""", "LastBySubject", 0UL, "orders.*", null)]
    [InlineData("""{"next_by_subj":"$KV.cfg.a","seq":1}""", "NextBySubject", 1UL, null, "$KV.cfg.a")]
    [InlineData("""{"next_by_subj":"a"}""", "NextBySubject", 0UL, null, "a")]
    public void MsgGet_one_selector(string body, string kind, ulong seq, string? last, string? next)
    {
        var request = MsgGetRequest.Parse(B(body)).Value!;
        Assert.Equal((kind, seq, last, next), (request.Kind.ToString(), request.Sequence, request.LastBySubject, request.NextBySubject));
    }

    [Theory]
    [InlineData("", 10003)]
    [InlineData("{}", 10003)]
    [InlineData("null", 10003)]
    [InlineData("""{"seq":0}""", 10003)]
    [InlineData("""{"seq":2,"last_by_subj":"a"}""", 10003)]
    [InlineData("""{"last_by_subj":"a","next_by_subj":"b"}""", 10003)]
    [InlineData("x", 10025)]
    [InlineData("""{"seq":-1}""", 10025)]
    public void MsgGet_errors(string body, int errCode) =>
        Assert.Equal(errCode, MsgGetRequest.Parse(B(body)).Error!.ErrCode);

    [Fact]
    public void MsgDelete_rules()
    {
        var request = MsgDeleteRequest.Parse(B("""{"seq":2,"no_erase":true}""")).Value!;
        Assert.Equal((2UL, true), (request.Sequence, request.NoErase));
        Assert.Same(JsErrors.BadRequest, MsgDeleteRequest.Parse(B("")).Error);
        Assert.Same(JsErrors.BadRequest, MsgDeleteRequest.Parse(B("{}")).Error);
        Assert.Same(JsErrors.InvalidJson, MsgDeleteRequest.Parse(B("{")).Error);
        Assert.Equal(0UL, MsgDeleteRequest.Parse(B("""{"no_erase":true}""")).Value!.Sequence);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("{}", true)]
    [InlineData("x", false)]
    [InlineData(" ", false)]
    [InlineData("null", false)]
    [InlineData("""{"a":1}""", false)]
    public void EmptyRequest_anything_but_nothing_is_10038(string body, bool ok) =>
        Assert.Equal(ok ? null : JsErrors.NotEmptyRequest, EmptyRequest.Check(B(body)));
}
