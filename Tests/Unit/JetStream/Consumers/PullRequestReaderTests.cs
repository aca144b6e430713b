using Natrium.Grains.Streams.Consumers;
using Natrium.Tests.Unit.JetStream.Api;

namespace Natrium.Tests.Unit.JetStream.Consumers;

/// MSG.NEXT bodies (spec §5.1, §5.3); every refusal text below was seen on 2.9.10.
public sealed class PullRequestReaderTests
{
    private static PullRequest Accept(string body)
    {
        Assert.True(PullRequestReader.TryRead(JsTestData.Bytes(body), out var request, out var error), error);
        return request;
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("{}")]
    [InlineData("""{"batch":0}""")]
    [InlineData("""{"batch":null}""")]
    public void Parse_bodies_that_mean_batch_one(string body)
    {
        // A batch below 1 is kept as sent; the waiting pull still gets one message (2.9.10).
        var request = Accept(body);
        Assert.Equal(PullRequest.One, request with { Batch = Math.Max(1, request.Batch) });
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData(" +7 ", 7)]
    [InlineData("""{"batch":1000}""", 1000)]
    [InlineData("""{"BATCH":3,"batch":4}""", 4)]
    [InlineData("""{"batch":9223372036854775807}""", int.MaxValue)]
    public void Parse_batch(string body, int batch) => Assert.Equal(batch, Accept(body).Batch);

    [Fact]
    public void Parse_nats_net_fetch_and_consume()
    {
        Assert.Equal(new PullRequest(5, 2_000_000_000, false, 0, 1_000_000_000),
            Accept("""{"expires":2000000000,"batch":5,"idle_heartbeat":1000000000}"""));
        Assert.Equal(new PullRequest(3, 0, true, 1024, 0), Accept("""{"batch":3,"no_wait":true,"max_bytes":1024,"x":[1,{"y":null}]}"""));
    }

    [Theory]
    [InlineData("{", "unexpected end of JSON input")]
    [InlineData("""{"batch":-1""", "unexpected end of JSON input")]
    [InlineData("{ ", "unexpected end of JSON input")]
    [InlineData("""{"batch":"x"}""", "json: cannot unmarshal string into Go struct field JSApiConsumerGetNextRequest.batch of type int")]
    [InlineData("""{"batch":1.5}""", "json: cannot unmarshal number 1.5 into Go struct field JSApiConsumerGetNextRequest.batch of type int")]
    [InlineData("""{"batch":1e2}""", "json: cannot unmarshal number 1e2 into Go struct field JSApiConsumerGetNextRequest.batch of type int")]
    [InlineData("""{"batch":99999999999999999999}""", "json: cannot unmarshal number 99999999999999999999 into Go struct field JSApiConsumerGetNextRequest.batch of type int")]
    [InlineData("""{"batch":[1]}""", "json: cannot unmarshal array into Go struct field JSApiConsumerGetNextRequest.batch of type int")]
    [InlineData("""{"batch":{}}""", "json: cannot unmarshal object into Go struct field JSApiConsumerGetNextRequest.batch of type int")]
    [InlineData("""{"expires":"1s"}""", "json: cannot unmarshal string into Go struct field JSApiConsumerGetNextRequest.expires of type time.Duration")]
    [InlineData("""{"no_wait":1}""", "json: cannot unmarshal number into Go struct field JSApiConsumerGetNextRequest.no_wait of type bool")]
    [InlineData("""{"max_bytes":true}""", "json: cannot unmarshal bool into Go struct field JSApiConsumerGetNextRequest.max_bytes of type int")]
    [InlineData("""{"batch":1}}""", "invalid character '}' after top-level value")]
    [InlineData("{x}", "invalid character 'x' looking for beginning of object key string")]
    [InlineData("""{"batch":1,}""", "invalid character '}' looking for beginning of object key string")]
    [InlineData("""{"batch":nul}""", "invalid character '}' in literal null (expecting 'l')")]
    [InlineData("""{"batch":1 "x":2}""", "invalid character '\"' after object key:value pair")]
    [InlineData("""{"a":"\x"}""", "invalid character 'x' in string escape code")]
    [InlineData("""{"batch":01}""", "invalid character '1' after object key:value pair")]
    [InlineData("""{"batch":-}""", "invalid character '}' in numeric literal")]
    [InlineData("""{"idle_heartbeat":1000}""", "heartbeat value too large")]
    [InlineData("""{"idle_heartbeat":1000,"expires":1999}""", "heartbeat value too large")]
    public void Parse_refusals_are_400_bad_request_with_go_text(string body, string error)
    {
        Assert.False(PullRequestReader.TryRead(JsTestData.Bytes(body), out _, out var bad));
        Assert.Equal(error, bad);
        Assert.Equal("NATS/1.0 400 Bad Request - " + error + "\r\n\r\n", JsTestData.Text(StatusHeaders.BadRequest(bad!)));
    }

    [Fact]
    public void Parse_heartbeat_of_exactly_half_the_expiry_is_fine()
    {
        // NATS.Net always sends idle_heartbeat = expires / 2.
        Assert.Equal(500, Accept("""{"idle_heartbeat":500,"expires":1000}""").IdleHeartbeatNanos);
    }

    [Theory]
    [InlineData("""{"a":tru}""", "invalid character '}' in literal true (expecting 'e')")]
    [InlineData("""{"a":fx}""", "invalid character 'x' in literal false (expecting 'a')")]
    [InlineData("""{"a":[1,]}""", "invalid character ']' looking for beginning of value")]
    [InlineData("""{"a":[1 2]}""", "invalid character '2' after array element")]
    [InlineData("""{"a" 1}""", "invalid character '1' after object key")]
    [InlineData("""{"a":1.}""", "invalid character '}' after decimal point in numeric literal")]
    [InlineData("""{"a":1e}""", "invalid character '}' in exponent of numeric literal")]
    [InlineData("""{"a":"\u12g4"}""", "invalid character 'g' in \\u hexadecimal character escape")]
    [InlineData("{\"a\":\"\n\"}", "invalid character '\\n' in string literal")]
    [InlineData("""{"a":1.""", "invalid character ' ' after decimal point in numeric literal")]
    [InlineData("""{"a":"x""", "unexpected end of JSON input")]
    [InlineData("""{"a":tr""", "invalid character ' ' in literal true (expecting 'u')")]
    [InlineData("""{"a":-""", "invalid character ' ' in numeric literal")]
    [InlineData("""{"a":1e+""", "invalid character ' ' in exponent of numeric literal")]
    public void GoJsonSyntax_other_contexts(string body, string error) =>
        Assert.Equal(error, GoJsonSyntax.Check(JsTestData.Bytes(body)));

    [Theory]
    [InlineData("""{"a":[1,2.5e-3,true,false,null,"s\"\u00e9",{"b":[]}],"c":-0}""")]
    [InlineData("{}")]
    [InlineData(" { } ")]
    public void GoJsonSyntax_valid_documents(string body) => Assert.Null(GoJsonSyntax.Check(JsTestData.Bytes(body)));
}
