using System.Text;
using Natrium.Contracts.Jwt;

namespace Natrium.Tests.Unit.Jwt;

/// jti hashes Go's JSON, so names must be escaped as Go's json.Marshal escapes them.
public sealed class GoJsonStringTests
{
    [Theory]
    [InlineData("demo", "\"demo\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("<tag> & co", "\"\\u003ctag\\u003e \\u0026 co\"")]
    [InlineData("t\tn\nr\rb\bf\f", "\"t\\tn\\nr\\rb\\bf\\f\"")]
    [InlineData("\u0001\u001f", "\"\\u0001\\u001f\"")]
    [InlineData("line\u2028para\u2029", "\"line\\u2028para\\u2029\"")]
    [InlineData("caf\u00e9 \U0001F600 +'/", "\"caf\u00e9 \U0001F600 +'/\"")]
    public void Append_escapes_like_go_json_marshal(string value, string expected)
    {
        var json = new StringBuilder();
        GoJsonString.Append(json, value);
        Assert.Equal(expected, json.ToString());
    }

    [Fact]
    public void Append_lone_surrogate_becomes_escaped_replacement_character()
    {
        // Not theory data: xunit's serialisation of test cases mangles a lone surrogate.
        var json = new StringBuilder();
        GoJsonString.Append(json, "lone" + (char)0xD800 + "x");
        Assert.Equal("\"lone\\ufffdx\"", json.ToString());
    }

    [Fact]
    public void JwtId_hashes_escaped_names()
    {
        // Two names that differ only in characters Go escapes must still hash differently.
        var plain = new UserClaims { Subject = "U", Name = "a&b" };
        Assert.NotEqual(JwtId.Compute(plain), JwtId.Compute(plain with { Name = "a\\u0026b" }));
    }
}
