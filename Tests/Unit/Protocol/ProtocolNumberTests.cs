using Natrium.Gateway.Protocol;

namespace Natrium.Tests.Unit.Protocol;

// Sizes and counts on control lines (spec/protocol.md §5, §6): one to nine digits, as
// nats-server 2.9.10 reads them.
public sealed class ProtocolNumberTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData("000000016", 16)]
    [InlineData("999999999", 999999999)]
    [InlineData("0000000002", -1)]
    [InlineData("1000000000", -1)]
    [InlineData("2147483648", -1)]
    [InlineData("99999999999999999999", -1)]
    [InlineData("", -1)]
    [InlineData("-1", -1)]
    [InlineData("+1", -1)]
    [InlineData("1 ", -1)]
    [InlineData("1a", -1)]
    [InlineData("/", -1)]
    [InlineData(":", -1)]
    public void Parse_oneToNineDigits_elseMinusOne(string text, int expected) =>
        Assert.Equal(expected, ProtocolNumber.Parse(ParserHarness.Bytes(text)));
}
