using System.Text;
using Natrium.Gateway.Protocol;

namespace Natrium.Tests.Unit.Protocol;

/// CONNECT's JSON decoded as nats-server's Go encoding/json decodes it (issue #10.8).
public sealed class ConnectParserTests
{
    [Theory]
    [InlineData("{\"USER\":\"u\",\"PASS\":\"p\"}")]
    [InlineData("{\"User\":\"u\",\"Pass\":\"p\"}")]
    [InlineData("{\"uSeR\":\"u\",\"pAsS\":\"p\"}")]
    [InlineData("{\"user\":\"x\",\"USER\":\"u\",\"pass\":\"p\"}")]
    [InlineData("{\"user\":\"u\",\"pa\u017Fs\":\"p\"}")]
    public void FieldNames_anyCase_matchAsInGo(string json)
    {
        var connect = ConnectParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.NotNull(connect);
        Assert.Equal("u", connect.User);
        Assert.Equal("p", connect.Password);
    }

    [Fact]
    public void FieldNames_boolsAndNumbersInUpperCase_areRead()
    {
        var connect = ConnectParser.Parse("{\"VERBOSE\":true,\"Headers\":true,\"NO_RESPONDERS\":true,\"PROTOCOL\":1,\"AUTH_TOKEN\":\"t\"}"u8);
        Assert.NotNull(connect);
        Assert.True(connect.Verbose);
        Assert.True(connect.Headers);
        Assert.True(connect.NoResponders);
        Assert.Equal(1, connect.Protocol);
        Assert.Equal("t", connect.AuthToken);
    }

    [Theory]
    [InlineData("{\"USER\":1}")]
    [InlineData("{\"Verbose\":\"yes\"}")]
    [InlineData("[]")]
    [InlineData("{")]
    public void WrongTypesOrBrokenJson_areRefused(string json) =>
        Assert.Null(ConnectParser.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void UnknownFields_inAnyCase_areIgnored()
    {
        var connect = ConnectParser.Parse("{\"SOMETHING\":{\"deep\":[1,2]},\"user\":\"u\"}"u8);
        Assert.Equal("u", connect?.User);
    }
}
