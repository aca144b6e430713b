using System.Buffers;
using Natrium.Gateway.Protocol;
using static Natrium.Tests.Unit.Protocol.ParserHarness;

namespace Natrium.Tests.Unit.Protocol;

// max_control_line (spec/protocol.md §1, §14): the line without its CRLF may be MaxControlLine
// bytes long, and a longer one is refused even before its LF arrives.
public sealed class ClientParserControlLineTests
{
    private static readonly ParserSetup Max16 = new(MaxControlLine: 16);

    [Theory]
    [InlineData("SUB abcdefgh 123\r\n", "SUB abcdefgh 123")]
    [InlineData("SUB abcdefgh 123\n", "SUB abcdefgh 123")]
    [InlineData("CONNECT {\"a\":12}\r\n", "CONNECT {\"a\":12}")]
    [InlineData("PINGPINGPINGPING\r\n", "PING")]
    public void ControlLine_exactlyAtLimit_isAccepted(string input, string call) =>
        AssertEverySplit(Max16, "PING\r\n" + input, ParseStatus.NeedMoreData, "PING", call);

    [Theory]
    [InlineData("SUB abcdefgh 1234\r\n")]
    [InlineData("SUB abcdefgh 1234\n")]
    [InlineData("CONNECT {\"a\":123}\r\n")]
    [InlineData("PINGPINGPINGPINGX\r\n")]
    [InlineData("INFO {\"x\":\"abcd\"}\r\n")]
    [InlineData("SUB abcdefgh 1234\r")]
    [InlineData("PUB a 2\r\nhi\r\nPUB abcdefghijklmnopqrstuvwxyz 2\r\nhi\r\n")]
    public void ControlLine_overLimit_isMaxControlLineExceeded(string input) =>
        AssertEverySplit(Max16, "PING\r\n" + input, ParseStatus.MaxControlLineExceeded,
            input.StartsWith("PUB a 2", StringComparison.Ordinal) ? ["PING", "PUB a [hi]"] : ["PING"]);

    [Fact]
    public void ControlLine_incompleteAndTooLong_isRefusedBeforeLf()
    {
        // 17 bytes could still be 16 + CR; the 18th byte without an LF proves the line too long.
        Assert.Equal(ParseStatus.NeedMoreData, Once(new(Bytes("SUB abcdefgh 1234")), Max16).Status);
        Assert.Equal(ParseStatus.MaxControlLineExceeded, Once(new(Bytes("SUB abcdefgh 12345")), Max16).Status);
        AssertEverySplit(Max16, "PING\r\nPUB " + new string('a', 100), ParseStatus.MaxControlLineExceeded, "PING");
    }

    [Fact]
    public void ControlLine_endlessLineByteByByte_neverBuffersMoreThanLimitPlusTwo()
    {
        ClientParser parser = new() { MaxControlLine = 64 };
        RecordingHandler handler = new();
        byte[] pending = [];
        for (int i = 0; i < 10_000; i++)
        {
            ReadOnlySequence<byte> buffer = TestSegment.Create(pending, "x"u8.ToArray());
            ParseStatus status = parser.Parse(ref buffer, handler);
            if (status == ParseStatus.MaxControlLineExceeded)
            {
                Assert.Equal(66, buffer.Length);
                Assert.Empty(handler.Calls);
                return;
            }

            Assert.Equal(ParseStatus.NeedMoreData, status);
            pending = buffer.ToArray();
        }

        Assert.Fail("a 10,000-byte line without LF was never refused with MaxControlLine 64");
    }

    [Fact]
    public void ControlLine_defaultLimitAcrossSegments_usesWholeLine()
    {
        string subject = new('s', ClientParser.DefaultMaxControlLine - "PUB  2".Length);
        string input = $"PUB {subject} 2\r\nhi\r\n";

        AssertEverySplit(input, ParseStatus.NeedMoreData, $"PUB {subject} [hi]");
        AssertEverySplit($"PUB {subject}x 2\r\nhi\r\n", ParseStatus.MaxControlLineExceeded);
    }
}
