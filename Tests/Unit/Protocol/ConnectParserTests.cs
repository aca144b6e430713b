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

    [Theory]
    [InlineData("{\"verbose\":false}xyz")]
    [InlineData("{\"verbose\":false}{}")]
    [InlineData("{\"protocol\":1.5}")]
    [InlineData("{\"protocol\":\"1\"}")]
    [InlineData("{\"protocol\":99999999999999999999}")]
    [InlineData("42")]
    public void TrailingValuesOrNonIntegerProtocol_areRefused(string json) =>
        Assert.Null(ConnectParser.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Null_leavesDefaults_asInGo()
    {
        Assert.True(ConnectParser.Parse("null"u8)?.Verbose);
        var connect = ConnectParser.Parse("{\"verbose\":null,\"pedantic\":false,\"protocol\":null,\"name\":null} "u8);
        Assert.NotNull(connect);
        Assert.True(connect.Verbose);
        Assert.False(connect.Pedantic);
        Assert.Equal(0, connect.Protocol);
    }

    [Fact]
    public void HugeProtocol_isReadAsInvalidVersion_notAsMalformed() =>
        Assert.Equal(int.MaxValue, ConnectParser.Parse("{\"protocol\":99999999999}"u8)?.Protocol);

    [Fact]
    public void InvalidUtf8AndDeepNesting_areAccepted_asInGo()
    {
        Assert.Equal("a\uFFFDb", ConnectParser.Parse([.. "{\"name\":\"a"u8, 0xFF, .. "b\"}"u8])?.Name);
        var deep = "{\"x\":" + new string('[', 2000) + new string(']', 2000) + ",\"user\":\"u\"}";
        Assert.Equal("u", ConnectParser.Parse(Encoding.UTF8.GetBytes(deep))?.User);
    }

    [Theory]
    [InlineData("{\"server_id\":\"x\",\"port\":4222,\"connect_urls\":[\"a\"],\"route_only\":{\"k\":[1]}}", true)]
    [InlineData("null", true)]
    [InlineData("{\"SERVER_ID\":\"x\"} ", true)]
    [InlineData("", false)]
    [InlineData("garbage", false)]
    [InlineData("[]", false)]
    [InlineData("{\"server_id\":1}", false)]
    [InlineData("{\"headers\":\"true\"}", false)]
    [InlineData("{\"port\":1.5}", false)]
    [InlineData("{\"connect_urls\":[1]}", false)]
    [InlineData("{}{}", false)]
    public void ClientInfo_decodesAsIntoGosInfo(string json, bool valid) =>
        Assert.Equal(valid, ClientInfoParser.IsValid(Encoding.UTF8.GetBytes(json)));
}
