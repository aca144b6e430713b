using Natrium.Gateway.Protocol;

namespace Natrium.Tests.Unit.Protocol;

// Sizes and counts on control lines (spec/protocol.md §5, §6): digits only, no overflow.
public sealed class ProtocolNumberTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData("000000000000016", 16)]
    [InlineData("999999999", 999999999)]
    [InlineData("1000000000", 1000000000)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("2147483648", -1)]
    [InlineData("99999999999999999999", -1)]
    [InlineData("", -1)]
    [InlineData("-1", -1)]
    [InlineData("+1", -1)]
    [InlineData("1 ", -1)]
    [InlineData("1a", -1)]
    [InlineData("/", -1)]
    [InlineData(":", -1)]
    public void ParseSize_digitsOnlyUpToIntMax_elseMinusOne(string text, int expected) =>
        Assert.Equal(expected, ProtocolNumber.ParseSize(ParserHarness.Bytes(text)));

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("9223372036854775808", -1L)]
    [InlineData("18446744073709551626", -1L)]
    [InlineData("", -1L)]
    [InlineData("-5", -1L)]
    public void ParseCount_digitsOnlyUpToLongMax_elseMinusOne(string text, long expected) =>
        Assert.Equal(expected, ProtocolNumber.ParseCount(ParserHarness.Bytes(text)));
}
