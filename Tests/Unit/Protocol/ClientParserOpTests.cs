using Natrium.Gateway.Protocol;
using static Natrium.Tests.Unit.Protocol.ParserHarness;

namespace Natrium.Tests.Unit.Protocol;

// Each valid client op, with its case and whitespace variants (spec/protocol.md §1, §4–§8).
// Every input is also checked at every split point by AssertEverySplit.
public sealed class ClientParserOpTests
{
    private const ParseStatus Ok = ParseStatus.NeedMoreData;

    [Theory]
    [InlineData("PING\r\n")]
    [InlineData("ping\r\n")]
    [InlineData("PiNg\r\n")]
    [InlineData("PING\n")]
    [InlineData("PING \r\n")]
    [InlineData("PINGXYZ\r\n")]
    [InlineData("PING\t junk\r\n")]
    public void Ping_anyCaseOrTrailingBytes_callsOnPing(string input) =>
        AssertEverySplit(input, Ok, "PING");

    [Theory]
    [InlineData("PONG\r\n")]
    [InlineData("pong\n")]
    [InlineData("PONGPONG\r\n")]
    public void Pong_anyCaseOrTrailingBytes_callsOnPong(string input) =>
        AssertEverySplit(input, Ok, "PONG");

    [Theory]
    [InlineData("PUB foo 5\r\nhello\r\n", "PUB foo [hello]")]
    [InlineData("PUB foo bar 5\r\nhello\r\n", "PUB foo bar [hello]")]
    [InlineData("PUB foo 0\r\n\r\n", "PUB foo []")]
    [InlineData("PUB foo 6\r\na\r\nb\r\n\r\n", "PUB foo [a\r\nb\r\n]")]
    [InlineData("PUB foo 4\r\n\n\n\r\r\r\n", "PUB foo [\n\n\r\r]")]
    [InlineData("PUB foo..bar * 1\r\n>\r\n", "PUB foo..bar * [>]")]
    public void Pub_validLine_deliversSubjectReplyAndPayload(string input, string call) =>
        AssertEverySplit(input, Ok, call);

    [Theory]
    [InlineData("pub foo bar 5\r\nhello\r\n")]
    [InlineData("Pub\tfoo\tbar\t5\r\nhello\r\n")]
    [InlineData("PUB  \t foo \t bar  \t 5\r\nhello\r\n")]
    [InlineData("PUB foo bar 5 \r\nhello\r\n")]
    [InlineData("PUB foo bar 5\t \t\r\nhello\r\n")]
    [InlineData("PUB foo bar 5\nhello\r\n")]
    [InlineData("PUB foo bar 005\r\nhello\r\n")]
    public void Pub_whitespaceAndCaseVariants_parseTheSame(string input) =>
        AssertEverySplit(input, Ok, "PUB foo bar [hello]");

    [Theory]
    [InlineData("HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n", "HPUB foo 12 [NATS/1.0\r\n\r\nhi]")]
    [InlineData("HPUB foo bar 12 14\r\nNATS/1.0\r\n\r\nhi\r\n", "HPUB foo bar 12 [NATS/1.0\r\n\r\nhi]")]
    [InlineData("hpub\tfoo  bar\t0 2 \nhi\r\n", "HPUB foo bar 0 [hi]")]
    [InlineData("HPUB foo 3 3\r\nxyz\r\n", "HPUB foo 3 [xyz]")]
    [InlineData("HPub foo 0 0\r\n\r\n", "HPUB foo 0 []")]
    public void HPub_headersAnnounced_deliversHeaderSizeAndMessage(string input, string call) =>
        AssertEverySplit(input, Ok, call);

    [Theory]
    [InlineData("SUB foo 1\r\n", "SUB foo 1")]
    [InlineData("SUB foo q 1\r\n", "SUB foo q 1")]
    [InlineData("sub\tfoo.*\t\tq.*  42 \r\n", "SUB foo.* q.* 42")]
    [InlineData("Sub foo.> a$b!\n", "SUB foo.> a$b!")]
    [InlineData("SUB foo..bar 1\r\n", "SUB foo..bar 1")]
    public void Sub_twoOrThreeArgs_callsOnSub(string input, string call) =>
        AssertEverySplit(input, Ok, call);

    [Fact]
    public void Sub_300DigitSid_isPassedWhole()
    {
        string sid = new('7', 300);
        AssertEverySplit($"SUB foo {sid}\r\n", Ok, $"SUB foo {sid}");
    }

    [Theory]
    [InlineData("UNSUB 1\r\n", "UNSUB 1 -1")]
    [InlineData("UNSUB 1 10\r\n", "UNSUB 1 10")]
    [InlineData("unsub\t1\t0\r\n", "UNSUB 1 0")]
    [InlineData("UnSub  abc   7 \n", "UNSUB abc 7")]
    [InlineData("UNSUB 1 999999999\r\n", "UNSUB 1 999999999")]
    [InlineData("UNSUB 1 0000000002\r\n", "UNSUB 1 -1")]
    [InlineData("UNSUB 1 abc\r\n", "UNSUB 1 -1")]
    [InlineData("UNSUB 1 -1\r\n", "UNSUB 1 -1")]
    [InlineData("UNSUB 1 99999999999999999999\r\n", "UNSUB 1 -1")]
    // A max that is not a number is -1, unsubscribe now, as nats-server reads it.
    public void Unsub_withOrWithoutMax_callsOnUnsub(string input, string call) =>
        AssertEverySplit(input, Ok, call);

    [Theory]
    [InlineData("CONNECT {\"verbose\":false}\r\n", "CONNECT {\"verbose\":false}")]
    [InlineData("connect \t {}\r\n", "CONNECT {}")]
    [InlineData("CONNECT{}\n", "CONNECT {}")]
    [InlineData("CONNECT {bad}\r\n", "CONNECT {bad}")]
    [InlineData("CONNECT\r\n", "CONNECT ")]
    [InlineData("CONNECT  \t\r\n", "CONNECT ")]
    public void Connect_anyJson_isPassedToHandler(string input, string call) =>
        AssertEverySplit(input, Ok, call);

    [Theory]
    [InlineData("INFO {\"server_id\":\"x\"}\r\nPING\r\n")]
    [InlineData("info {}\r\nPING\r\n")]
    [InlineData("INFO null\r\nPING\r\n")]
    [InlineData("+OK\r\nPING\r\n")]
    [InlineData("+ok\nPING\r\n")]
    [InlineData("+OKAY\r\nPING\r\n")]
    public void InfoAndOk_fromClient_areIgnored(string input) =>
        AssertEverySplit(input, Ok, "PING");

    [Fact]
    public void Stream_pipelinedOps_callsHandlerInOrder() =>
        AssertEverySplit(
            "CONNECT {\"verbose\":false,\"headers\":true}\r\nPING\r\nSUB orders.* 1\r\nSUB orders.* workers 2\r\n" +
            "PUB orders.new _INBOX.x 5\r\nhello\r\nHPUB a 12 12\r\nNATS/1.0\r\n\r\n\r\nUNSUB 2\r\nPONG\r\n",
            Ok,
            "CONNECT {\"verbose\":false,\"headers\":true}",
            "PING",
            "SUB orders.* 1",
            "SUB orders.* workers 2",
            "PUB orders.new _INBOX.x [hello]",
            "HPUB a 12 [NATS/1.0\r\n\r\n]",
            "UNSUB 2 -1",
            "PONG");

    [Fact]
    public void Stream_incompleteTail_isLeftUnconsumed()
    {
        byte[] input = Bytes("PING\r\nPUB foo 5\r\nhel");

        ParseOutcome outcome = Once(new(input), ParserSetup.Default);

        Assert.Equal(Ok, outcome.Status);
        Assert.Equal(["PING"], outcome.Calls);
        Assert.Equal(6, outcome.Consumed);
        AssertSplitsMatch(ParserSetup.Default, input, outcome);
    }

    [Fact]
    public void Headers_turnedOnByConnect_allowsHPubInSameBuffer()
    {
        ParserSetup setup = new(Headers: false, OnConnect: p => p.Headers = true);

        AssertEverySplit(setup, "CONNECT {\"headers\":true}\r\nHPUB foo 0 2\r\nhi\r\n", Ok,
            "CONNECT {\"headers\":true}", "HPUB foo 0 [hi]");
    }

    [Fact]
    public void MaxPayload_loweredByConnect_appliesToNextPub()
    {
        ParserSetup setup = new(OnConnect: p => p.MaxPayload = 4);

        AssertEverySplit(setup, "PUB a 5\r\nhello\r\nCONNECT {}\r\nPUB a 4\r\nhell\r\nPUB a 5\r\nhello\r\n",
            ParseStatus.MaxPayloadExceeded, "PUB a [hello]", "CONNECT {}", "PUB a [hell]");
    }

    [Fact]
    public void Handler_returnsFalse_stopsAfterThatOp()
    {
        ParserSetup setup = new(StopAfter: 2);

        AssertEverySplit(setup, "PING\r\nSUB a 1\r\nPONG\r\n", ParseStatus.Stopped, "PING", "SUB a 1");
        Assert.Equal(15, Once(new(Bytes("PING\r\nSUB a 1\r\nPONG\r\n")), setup).Consumed);
    }

    [Fact]
    public void Handler_returnsFalseOnPub_consumesThatPub()
    {
        ParserSetup setup = new(StopAfter: 1);

        ParseOutcome outcome = Once(new(Bytes("PUB a 1\r\nx\r\nPING\r\n")), setup);

        Assert.Equal(ParseStatus.Stopped, outcome.Status);
        Assert.Equal(12, outcome.Consumed);
    }
}
