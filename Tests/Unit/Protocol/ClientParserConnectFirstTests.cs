using Natrium.Gateway.Protocol;
using static Natrium.Tests.Unit.Protocol.ParserHarness;

namespace Natrium.Tests.Unit.Protocol;

// With authentication required, nats-server refuses any op but CONNECT at its first byte
// (parser.go, OP_START), so nothing of it is buffered (issue #10: an unauthenticated PUB with a
// max_payload body used to be read in full first). Checked at every split point.
public sealed class ClientParserConnectFirstTests
{
    private static readonly ParserSetup Required = new(ConnectRequired: true, OnConnect: p => p.ConnectRequired = false);

    [Theory]
    [InlineData("PUB foo 8000000\r\n")]
    [InlineData("PUB foo 1\r\nx\r\n")]
    [InlineData("HPUB foo 0 1\r\nx\r\n")]
    [InlineData("SUB foo 1\r\n")]
    [InlineData("UNSUB 1\r\n")]
    [InlineData("PING\r\n")]
    [InlineData("PONG\r\n")]
    [InlineData("INFO {}\r\n")]
    [InlineData("+OK\r\n")]
    [InlineData("-ERR 'x'\r\n")]
    [InlineData("\r\n")]
    [InlineData("XYZ\r\n")]
    public void ConnectRequired_otherOp_isRefusedAtItsFirstByte(string input) =>
        AssertEverySplit(Required, input, ParseStatus.Stopped, "BEFORE-CONNECT");

    [Fact]
    public void ConnectRequired_payloadOverTheLimit_isNeverRead()
    {
        // Even the control line is not waited for: one byte decides.
        ParseOutcome outcome = Once(new System.Buffers.ReadOnlySequence<byte>(Bytes("P")), Required);
        Assert.Equal(ParseStatus.Stopped, outcome.Status);
        Assert.Equal(["BEFORE-CONNECT"], outcome.Calls);
        Assert.Equal(0, outcome.Consumed);
    }

    [Theory]
    [InlineData("CONNECT {}\r\n", "CONNECT {}")]
    [InlineData("connect {}\r\n", "CONNECT {}")]
    public void ConnectRequired_connectThenOps_allRun(string connect, string call) =>
        AssertEverySplit(Required, connect + "PUB foo 1\r\nx\r\nPING\r\n", ParseStatus.NeedMoreData, call, "PUB foo [x]", "PING");

    [Fact]
    public void ConnectRequired_opWordStartingWithC_isAnUnknownOperation() =>
        AssertEverySplit(Required, "CRAP\r\n", ParseStatus.UnknownOperation);

    [Fact]
    public void ConnectRequired_admittedWithoutConnect_runsTheOpAndTheRest() =>
        AssertEverySplit(Required with { AdmitWithoutConnect = true }, "PUB foo 1\r\nx\r\nPING\r\n", ParseStatus.NeedMoreData, "BEFORE-CONNECT", "PUB foo [x]", "PING");

    [Fact]
    public void ConnectNotRequired_opsRunWithoutConnect() =>
        AssertEverySplit("PUB foo 1\r\nx\r\nPING\r\n", ParseStatus.NeedMoreData, "PUB foo [x]", "PING");
}
