using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

public sealed class GoJsonWriterTests
{
    [Fact]
    public void String_escapes_like_go_json_marshal()
    {
        // Seen on 2.9.10: description "a<b>&c\u2028é\u0001\"\\/\t" and subject "t.<&>" echo as below.
        var json = new GoJsonWriter().BeginObject()
            .Property("description", "a<b>&c\u2028é\u0001\"\\/\t")
            .StringArray("subjects", ["t.<&>"])
            .EndObject();
        Assert.Equal(
            """{"description":"a\u003cb\u003e\u0026c\u2028é\u0001\"\\/\t","subjects":["t.\u003c\u0026\u003e"]}""",
            JsTestData.Text(json.ToArray()));
    }

    [Fact]
    public void Nested_values_get_commas_only_between_siblings()
    {
        var json = new GoJsonWriter().BeginObject()
            .Name("a").BeginArray().Number(1L).BeginObject().EndObject().BeginArray().EndArray().Null().EndArray()
            .Name("b").BeginObject().Property("c", true).Property("d", 18446744073709551615UL).EndObject()
            .Property("e", -5L)
            .EndObject();
        Assert.Equal("""{"a":[1,{},[],null],"b":{"c":true,"d":18446744073709551615},"e":-5}""", json.ToString());
    }

    [Fact]
    public void PropertyIfSet_leaves_out_go_zero_values()
    {
        var json = new GoJsonWriter().BeginObject()
            .PropertyIfSet("s", (string?)null).PropertyIfSet("e", "").PropertyIfSet("l", 0L)
            .PropertyIfSet("u", 0UL).PropertyIfSet("b", false).PropertyIfSet("kept", 1L)
            .EndObject();
        Assert.Equal("""{"kept":1}""", json.ToString());
    }

    [Fact]
    public void Time_and_base64_are_quoted_strings()
    {
        var json = new GoJsonWriter().BeginObject()
            .Name("t").Time(null).Name("n").Time(1_000_000_001L).Name("d").Base64("d1"u8)
            .EndObject();
        Assert.Equal("""{"t":"0001-01-01T00:00:00Z","n":"1970-01-01T00:00:01.000000001Z","d":"ZDE="}""", json.ToString());
    }
}
