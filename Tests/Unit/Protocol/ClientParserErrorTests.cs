using Natrium.Gateway.Protocol;
using static Natrium.Tests.Unit.Protocol.ParserHarness;

namespace Natrium.Tests.Unit.Protocol;

// Every way a client op can end the connection (spec/protocol.md §1, §5, §6, §9, §14), each
// checked at every split point. A PING first shows the ops before the bad one still run.
public sealed class ClientParserErrorTests
{
    [Theory]
    [InlineData("MSG foo 1 5\r\nhello\r\n")]
    [InlineData("msg foo 1 5\r\nhello\r\n")]
    [InlineData("HMSG foo 1 0 0\r\n\r\n")]
    [InlineData("RS+ foo\r\n")]
    [InlineData("LMSG foo 1\r\n")]
    [InlineData("A+ foo\r\n")]
    [InlineData("XYZ\r\n")]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData(" PING\r\n")]
    [InlineData("PIN\r\n")]
    [InlineData("PUBX foo 1\r\n")]
    [InlineData("PUBLISH foo 1\r\n")]
    [InlineData("SUBSCRIBE foo 1\r\n")]
    [InlineData("UNSUBX 1\r\n")]
    [InlineData("UNSU 1\r\n")]
    [InlineData("CONN\r\n")]
    [InlineData("CONNEXT {}\r\n")]
    [InlineData("+O\r\n")]
    [InlineData("+NOK\r\n")]
    [InlineData("-ER\r\n")]
    [InlineData("-ERRX\r\n")]
    [InlineData("-ERR\r\n")]
    [InlineData("P\0B foo 1\r\n")]
    [InlineData("PUB\0foo 1\r\nx\r\n")]
    [InlineData("SUB\0foo 1\r\n")]
    [InlineData("HPUB\0foo 0 1\r\nx\r\n")]
    [InlineData("\u00d0ING\r\n")]
    [InlineData("P\u00c9NG\r\n")]
    public void UnknownOp_badOrForeignName_isUnknownOperation(string input) =>
        AssertEverySplit("PING\r\n" + input, ParseStatus.UnknownOperation, "PING");

    [Theory]
    [InlineData("PUB\r\n")]
    [InlineData("PUB\n")]
    [InlineData("SUB\r\n")]
    [InlineData("UNSUB\r\n")]
    [InlineData("HPUB\r\n")]
    [InlineData("pub\r\n")]
    public void UnknownOp_nameWithoutArgs_isUnknownOperation(string input) =>
        AssertEverySplit("PING\r\n" + input, ParseStatus.UnknownOperation, "PING");

    [Theory]
    [InlineData("PUB \r\n")]
    [InlineData("PUB foo\r\n")]
    [InlineData("PUB foo abc\r\n")]
    [InlineData("PUB foo -1\r\n")]
    [InlineData("PUB foo +1\r\n")]
    [InlineData("PUB foo 1x\r\n")]
    [InlineData("PUB  1\r\n")]
    [InlineData("PUB foo bar baz 1\r\n")]
    [InlineData("PUB foo 2147483648\r\n")]
    [InlineData("PUB foo 99999999999999999999999\r\n")]
    [InlineData("HPUB foo 12\r\n")]
    [InlineData("HPUB foo 14 12\r\n")]
    [InlineData("HPUB foo a 2\r\n")]
    [InlineData("HPUB foo 0 -2\r\n")]
    [InlineData("HPUB foo 0 4294967297\r\n")]
    [InlineData("HPUB a b c 1 2\r\n")]
    [InlineData("SUB \r\n")]
    [InlineData("SUB foo\r\n")]
    [InlineData("SUB foo q 1 2\r\n")]
    [InlineData("UNSUB \r\n")]
    [InlineData("UNSUB 1 2 3\r\n")]
    [InlineData("INFO\r\n")]
    [InlineData("INFO garbage\r\n")]
    [InlineData("INFO {\"port\":\"x\"}\r\n")]
    public void Args_wrongCountOrBadNumber_isProtocolViolation(string input) =>
        AssertEverySplit("PING\r\n" + input, ParseStatus.ProtocolViolation, "PING");

    [Theory]
    [InlineData("HPUB foo 0 2\r\nhi\r\n")]
    [InlineData("HPUB foo 2000000 2000000\r\n")]
    public void HPub_headersNotAnnounced_isProtocolViolation(string input) =>
        AssertEverySplit(new ParserSetup(Headers: false), "PING\r\n" + input, ParseStatus.ProtocolViolation, "PING");

    [Theory]
    [InlineData("PUB foo 1048577\r\n")]
    [InlineData("PUB foo bar 1048577\r\nonly a little of the payload")]
    [InlineData("HPUB foo 0 1048577\r\n")]
    [InlineData("HPUB foo bar 10 1048577\r\n")]
    public void MaxPayload_sizeOverDefault_isDecidedOnControlLine(string input) =>
        AssertEverySplit("PING\r\n" + input, ParseStatus.MaxPayloadExceeded, "PING");

    [Fact]
    public void MaxPayload_atLimit_isAcceptedAndOverIsNot()
    {
        ParserSetup setup = new(MaxPayload: 4);

        AssertEverySplit(setup, "PUB a 4\r\nabcd\r\nHPUB a 2 4\r\nabcd\r\nPUB a 5\r\nabcde\r\n",
            ParseStatus.MaxPayloadExceeded, "PUB a [abcd]", "HPUB a 2 [abcd]");
        AssertEverySplit(setup, "HPUB a 2 5\r\nabcde\r\n", ParseStatus.MaxPayloadExceeded);
    }

    [Theory]
    [InlineData("PUB foo 5\r\nhello\n")]
    [InlineData("PUB foo 5\r\nhelloXY")]
    [InlineData("PUB foo 5\r\nhelloX")]
    [InlineData("PUB foo 5\r\nhello\rX")]
    [InlineData("PUB foo 5\r\nhello!\r\n")]
    [InlineData("PUB foo 5\r\nhell\r\nPING\r\n")]
    [InlineData("PUB foo 0\r\nX\r\n")]
    [InlineData("HPUB foo 0 2\r\nhi\n\n")]
    public void Payload_notFollowedByCrlf_isUnknownOperation(string input) =>
        AssertEverySplit("PING\r\n" + input, ParseStatus.UnknownOperation, "PING");

    [Theory]
    [InlineData("-ERR 'Unknown Protocol Operation'\r\n")]
    [InlineData("-err\tboom\n")]
    [InlineData("-ERR \r\n")]
    public void ClientErr_anyText_isClientError(string input) =>
        AssertEverySplit("PING\r\n" + input, ParseStatus.ClientError, "PING");
}
