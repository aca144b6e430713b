namespace Natrium.Tests.Integration.Parity;

public static partial class ParityCorpus
{
    private const string Sub1 = "SUB parity.x 1\r\n";

    // Not a safety matter (nats-server reads at most nine digits): natrium re-encodes the size
    // it parsed rather than carry the publisher's digits through routing to every subscriber.
    private const string ZeroPaddedSize = "nats-server copies the publisher's size digits, leading zeros included, into "
        + "each subscriber's MSG line; natrium writes the size as a plain number";

    // PUB <subject> [reply-to] <#bytes> (spec/protocol.md §5)
    private static IEnumerable<ParityCase> PubCases() =>
    [
        Open("pub.no-args", Quiet + "PUB\r\n"),
        Open("pub.space-only", Quiet + "PUB \r\n"),
        Open("pub.one-arg", Quiet + "PUB parity.x\r\n"),
        Open("pub.four-args", Quiet + "PUB parity.x a b 2\r\nhi\r\n"),
        Open("pub.size-only", Quiet + "PUB  2\r\nhi\r\n"),
        Open("pub.non-numeric-size", Quiet + "PUB parity.x abc\r\n"),
        Open("pub.size-with-letter", Quiet + "PUB parity.x 2x\r\nhi\r\n"),
        Open("pub.negative-size", Quiet + "PUB parity.x -1\r\n"),
        Open("pub.plus-size", Quiet + "PUB parity.x +2\r\nhi\r\n"),
        Open("pub.leading-zero-size", Quiet + Sub1 + "PUB parity.x 02\r\nhi\r\n") with
        {
            Deliberate = new("MSG parity.x 1 2\r\nhi\r\n", Closed: false),
            Why = ZeroPaddedSize,
        },
        Open("pub.nine-digit-size", Quiet + Sub1 + "PUB parity.x 000000002\r\nhi\r\n") with
        {
            Deliberate = new("MSG parity.x 1 2\r\nhi\r\n", Closed: false),
            Why = ZeroPaddedSize,
        },
        Open("pub.ten-digit-size", Quiet + Sub1 + "PUB parity.x 0000000002\r\nhi\r\n"),
        Open("pub.wrapping-size", Quiet + "PUB parity.x 4294967298\r\nhi\r\n"),
        Open("pub.overflowing-size", Quiet + "PUB parity.x 99999999999999999999\r\nhi\r\n"),
        Open("pub.over-max-payload", Quiet + "PUB parity.x 1048577\r\n"),
        Open("pub.payload-shorter", Quiet + "PUB parity.x 5\r\nhi\r\n"),
        Open("pub.payload-longer", Quiet + "PUB parity.x 2\r\nhello\r\n"),
        Open("pub.no-crlf-after-payload", Quiet + "PUB parity.x 2\r\nhiPING\r\n"),
        Open("pub.lf-after-payload", Quiet + "PUB parity.x 2\r\nhi\nPING\r\n"),
        Open("pub.zero-size", Quiet + Sub1 + "PUB parity.x 0\r\n\r\n"),
        Open("pub.tabs-and-spaces", Quiet + Sub1 + "PUB\tparity.x  \t r 2 \t\r\nhi\r\n"),
        Open("pub.lowercase", Quiet + Sub1 + "pub parity.x 2\r\nhi\r\n"),
        Open("pub.wildcard-subject-pedantic", "CONNECT {\"verbose\":false}\r\n" + "PUB parity.* 0\r\n\r\n"),
        Open("pub.empty-token", Quiet + "PUB parity..x 0\r\n\r\n"),
        Open("pub.empty-token-pedantic", "CONNECT {\"verbose\":false}\r\nPUB parity..x 0\r\n\r\n"),
        Open("pub.nul-in-subject", Quiet + "SUB parity.> 1\r\nPUB parity.a\0b 0\r\n\r\n"),
        Open("pub.reserved-reply", Quiet + "PUB parity.x _R_.abc 0\r\n\r\n"),
        Open("pub.reserved-reply-verbose", "CONNECT {\"pedantic\":false}\r\nPUB parity.x _R_.abc 0\r\n\r\n"),
        Open("pub.empty-subject-token-verbose", "CONNECT {}\r\nPUB parity. 0\r\n\r\n"),
        Open("pub.verbose", "CONNECT {}\r\nPUB parity.x 0\r\n\r\n"),
    ];

    // HPUB <subject> [reply-to] <#header bytes> <#total bytes> (spec/protocol.md §5)
    private static IEnumerable<ParityCase> HPubCases() =>
    [
        Open("hpub.headers-not-announced", Quiet + "HPUB parity.x 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"),
        Open("hpub.headers-false", "CONNECT {\"verbose\":false,\"headers\":false}\r\nHPUB parity.x 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"),
        Open("hpub.before-connect", "HPUB parity.x 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"),
        Open("hpub.no-args", QuietHeaders + "HPUB\r\n"),
        Open("hpub.one-arg", QuietHeaders + "HPUB parity.x\r\n"),
        Open("hpub.two-args", QuietHeaders + "HPUB parity.x 12\r\n"),
        Open("hpub.five-args", QuietHeaders + "HPUB parity.x a b 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"),
        Open("hpub.header-over-total", QuietHeaders + "HPUB parity.x 14 12\r\nNATS/1.0\r\n\r\n\r\n"),
        Open("hpub.non-numeric-header", QuietHeaders + "HPUB parity.x x 14\r\n"),
        Open("hpub.non-numeric-total", QuietHeaders + "HPUB parity.x 12 x\r\n"),
        Open("hpub.negative-header", QuietHeaders + "HPUB parity.x -1 14\r\n"),
        Open("hpub.over-max-payload", QuietHeaders + "HPUB parity.x 12 1048577\r\n"),
        Open("hpub.payload-shorter", QuietHeaders + "HPUB parity.x 12 16\r\nNATS/1.0\r\n\r\nhi\r\n"),
        Open("hpub.no-crlf-after-payload", QuietHeaders + "HPUB parity.x 12 14\r\nNATS/1.0\r\n\r\nhiPING\r\n"),
        Open("hpub.zero-header", QuietHeaders + Sub1 + "HPUB parity.x 0 2\r\nhi\r\n"),
        Open("hpub.garbage-header", QuietHeaders + Sub1 + "HPUB parity.x 3 5\r\nabchi\r\n"),
        Open("hpub.ten-digit-total", QuietHeaders + "HPUB parity.x 12 0000000014\r\nNATS/1.0\r\n\r\nhi\r\n"),
        Open("hpub.verbose", "CONNECT {\"pedantic\":false,\"headers\":true}\r\nHPUB parity.x 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"),
        Open("hpub.lowercase", QuietHeaders + Sub1 + "hpub parity.x 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"),
    ];
}
