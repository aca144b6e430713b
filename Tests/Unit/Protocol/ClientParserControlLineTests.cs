using System.Buffers;
using Natrium.Gateway.Protocol;
using static Natrium.Tests.Unit.Protocol.ParserHarness;

namespace Natrium.Tests.Unit.Protocol;

// max_control_line (spec/protocol.md §1, §14) as nats-server 2.9.10 applies it: an op's
// arguments may be MaxControlLine bytes long, a longer line is refused even before its LF
// arrives, an unknown op is unknown whatever its length, and PING, PONG and +OK take any
// amount of trailing bytes without keeping them.
public sealed class ClientParserControlLineTests
{
    private static readonly ParserSetup Max16 = new(MaxControlLine: 16);

    // The longest line that is looked at: the limit, the op name's slack and CRLF.
    private static readonly int Window = 16 + ClientParser.OpNameSlack + 2;

    [Theory]
    [InlineData("SUB abcdefgh 1234567\r\n", "SUB abcdefgh 1234567")]
    [InlineData("SUB abcdefgh 1234567\n", "SUB abcdefgh 1234567")]
    [InlineData("CONNECT {\"a\":\"12345678\"}\r\n", "CONNECT {\"a\":\"12345678\"}")]
    [InlineData("CONNECT   {\"a\":\"12345678\"}\r\n", "CONNECT {\"a\":\"12345678\"}")]
    public void Arguments_exactlyAtLimit_areAccepted(string input, string call) =>
        AssertEverySplit(Max16, "PING\r\n" + input, ParseStatus.NeedMoreData, "PING", call);

    [Theory]
    [InlineData("SUB abcdefgh 12345678\r\n")]
    [InlineData("SUB abcdefgh 12345678\n")]
    [InlineData("CONNECT {\"a\":\"123456789\"}\r\n")]
    [InlineData("INFO {\"x\":\"abcdefghi\"}\r\n")]
    [InlineData("-ERR 'abcdefghijklmno'\r\n")]
    [InlineData("UNSUB 12345678901234567\r\n")]
    [InlineData("PUB a 2\r\nhi\r\nPUB abcdefghijklmnopqrstuvwxyz 2\r\nhi\r\n")]
    public void Arguments_overLimit_areMaxControlLineExceeded(string input) =>
        AssertEverySplit(Max16, "PING\r\n" + input, ParseStatus.MaxControlLineExceeded,
            input.StartsWith("PUB a 2", StringComparison.Ordinal) ? ["PING", "PUB a [hi]"] : ["PING"]);

    [Fact]
    public void ControlLine_incompleteAndTooLong_isRefusedBeforeLf()
    {
        // Window - 1 bytes could still be a line with CR; the next byte without an LF proves it too long.
        Assert.Equal(ParseStatus.NeedMoreData, Once(new(Bytes("SUB " + new string('a', Window - 5))), Max16).Status);
        Assert.Equal(ParseStatus.MaxControlLineExceeded, Once(new(Bytes("SUB " + new string('a', Window - 4))), Max16).Status);
        AssertEverySplit(Max16, "PING\r\nPUB " + new string('a', 100), ParseStatus.MaxControlLineExceeded, "PING");
    }

    [Theory]
    [InlineData("FOO ")]
    [InlineData("PUBX ")]
    [InlineData("-ERRX")]
    public void UnknownOp_overLimit_isUnknownOperation(string name) =>
        AssertEverySplit(Max16, "PING\r\n" + name + new string('a', 100) + "\r\n", ParseStatus.UnknownOperation, "PING");

    [Theory]
    [InlineData("PING ", "PING")]
    [InlineData("ping", "PING")]
    [InlineData("PONG ", "PONG")]
    [InlineData("+OK ", null)]
    public void PingPongOk_anyTrailingLength_actAtTheirLf(string name, string? call)
    {
        string[] calls = call is null ? ["PING"] : [call, "PING"];
        AssertEverySplit(Max16, name + new string('x', 100) + "\r\nPING\r\n", ParseStatus.NeedMoreData, calls);
    }

    [Theory]
    [InlineData("SUB ")]
    [InlineData("PING ")]
    public void ControlLine_endlessLineByteByByte_neverBuffersMoreThanTheWindow(string name)
    {
        ClientParser parser = new() { MaxControlLine = 64 };
        RecordingHandler handler = new();
        byte[] pending = Bytes(name);
        for (int i = 0; i < 10_000; i++)
        {
            ReadOnlySequence<byte> buffer = TestSegment.Create(pending, "x"u8.ToArray());
            ParseStatus status = parser.Parse(ref buffer, handler);
            Assert.True(buffer.Length <= 64 + ClientParser.OpNameSlack + 2, $"{buffer.Length} bytes kept");
            if (status == ParseStatus.MaxControlLineExceeded)
            {
                Assert.Empty(handler.Calls);
                return;
            }

            Assert.Equal(ParseStatus.NeedMoreData, status);
            pending = buffer.ToArray();
        }

        // Only a PING line may go on for ever, kept at nothing.
        Assert.Equal("PING ", name);
        Assert.Empty(pending);
        Assert.Empty(handler.Calls);
    }

    [Fact]
    public void ControlLine_defaultLimitAcrossSegments_countsTheArguments()
    {
        string subject = new('s', ClientParser.DefaultMaxControlLine - " 2".Length);
        string input = $"PUB {subject} 2\r\nhi\r\n";

        AssertEverySplit(input, ParseStatus.NeedMoreData, $"PUB {subject} [hi]");
        AssertEverySplit($"PUB {subject}x 2\r\nhi\r\n", ParseStatus.MaxControlLineExceeded);
    }
}
