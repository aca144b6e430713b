using Natrium.Grains.Streams.Api;

namespace Natrium.Tests.Unit.JetStream.Api;

public sealed class GoQuoteTests
{
    [Theory]
    [InlineData("a.*", "\"a.*\"")]
    [InlineData("q\"b\\s", "\"q\\\"b\\\\s\"")]
    [InlineData("\a\b\f\n\r\t\v", "\"\\a\\b\\f\\n\\r\\t\\v\"")]
    [InlineData("\u0001\u007f", "\"\\x01\\x7f\"")]
    [InlineData("é日本<>&", "\"é日本<>&\"")]
    [InlineData("\u00a0\u200b\u2028", "\"\\u00a0\\u200b\\u2028\"")]
    [InlineData("\U000E0001", "\"\\U000e0001\"")]
    public void Quote_escapes_like_strconv_quote(string value, string expected) =>
        Assert.Equal(expected, GoQuote.Quote(value));

    [Theory]
    [InlineData((byte)'x', "'x'")]
    [InlineData((byte)'\'', "'\\''")]
    [InlineData((byte)'"', "'\"'")]
    [InlineData((byte)'\n', "'\\n'")]
    [InlineData((byte)0x01, "'\\x01'")]
    [InlineData((byte)0xC3, "'Ã'")]
    [InlineData((byte)0x85, "'\\u0085'")]
    public void QuoteChar_quotes_one_byte_like_encoding_json(byte c, string expected) =>
        Assert.Equal(expected, GoQuote.QuoteChar(c));
}
