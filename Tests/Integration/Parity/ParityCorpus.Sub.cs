namespace Natrium.Tests.Integration.Parity;

public static partial class ParityCorpus
{
    // SUB <subject> [queue group] <sid> (spec/protocol.md §6)
    private static IEnumerable<ParityCase> SubCases() =>
    [
        Open("sub.no-args", Quiet + "SUB\r\n"),
        Open("sub.space-only", Quiet + "SUB \r\n"),
        Open("sub.one-arg", Quiet + "SUB parity.x\r\n"),
        Open("sub.four-args", Quiet + "SUB parity.x q 1 extra\r\n"),
        Open("sub.empty-token", Quiet + "SUB parity..x 1\r\n"),
        Open("sub.leading-dot", Quiet + "SUB .parity 1\r\n"),
        Open("sub.trailing-dot", Quiet + "SUB parity. 1\r\n"),
        Open("sub.only-dot", Quiet + "SUB . 1\r\n"),
        Open("sub.gt-not-last", Quiet + "SUB parity.>.x 1\r\n"),
        Open("sub.gt-last", Quiet + "SUB parity.> 1\r\nPUB parity.x.y 0\r\n\r\n"),
        Open("sub.star-inside-token", Quiet + "SUB parity.*b 1\r\nPUB parity.ab 0\r\n\r\nPUB parity.*b 0\r\n\r\n"),
        Open("sub.gt-inside-token", Quiet + "SUB parity.b> 1\r\nPUB parity.b> 0\r\n\r\n"),
        Open("sub.queue-wildcard", Quiet + "SUB parity.x q.* 1\r\nPUB parity.x 0\r\n\r\n"),
        Open("sub.queue-gt", Quiet + "SUB parity.x > 1\r\nPUB parity.x 0\r\n\r\n"),
        Open("sub.sid-text", Quiet + "SUB parity.x my-sid\r\nPUB parity.x 0\r\n\r\n"),
        Open("sub.sid-long", Quiet + "SUB parity.x " + new string('9', 300) + "\r\nPUB parity.x 0\r\n\r\n"),
        Open("sub.sid-nul", Quiet + "SUB parity.x \0\r\nPUB parity.x 0\r\n\r\n"),
        Open("sub.sid-high-bytes", Quiet + "SUB parity.x \u00ff\u00fe\r\nPUB parity.x 0\r\n\r\n"),
        Open("sub.sid-repeated", Quiet + "SUB parity.x 1\r\nSUB parity.y 1\r\nPUB parity.y 0\r\n\r\nPUB parity.x 0\r\n\r\n"),
        Open("sub.nul-in-subject", Quiet + "SUB parity.a\0b 1\r\nPUB parity.a\0b 0\r\n\r\n"),
        Open("sub.lowercase", Quiet + "sub parity.x 1\r\nPUB parity.x 0\r\n\r\n"),
        Open("sub.invalid-verbose", "CONNECT {}\r\nSUB parity..x 1\r\n"),
        Open("sub.before-connect", "SUB parity.x 1\r\nPUB parity.x 0\r\n\r\n"),
    ];

    // UNSUB <sid> [max_msgs] (spec/protocol.md §6)
    private static IEnumerable<ParityCase> UnsubCases() =>
    [
        Open("unsub.no-args", Quiet + "UNSUB\r\n"),
        Open("unsub.space-only", Quiet + "UNSUB \r\n"),
        Open("unsub.three-args", Quiet + Sub1 + "UNSUB 1 2 3\r\nPUB parity.x 0\r\n\r\n"),
        Open("unsub.non-numeric-max", Quiet + Sub1 + "UNSUB 1 x\r\nPUB parity.x 0\r\n\r\n"),
        Open("unsub.negative-max", Quiet + Sub1 + "UNSUB 1 -1\r\nPUB parity.x 0\r\n\r\n"),
        Open("unsub.zero-max", Quiet + Sub1 + "UNSUB 1 0\r\nPUB parity.x 0\r\n\r\n"),
        Open("unsub.overflowing-max", Quiet + Sub1 + "UNSUB 1 99999999999999999999\r\nPUB parity.x 0\r\n\r\n"),
        Open("unsub.nine-digit-max", Quiet + Sub1 + "UNSUB 1 000000002\r\nPUB parity.x 0\r\n\r\nPUB parity.x 0\r\n\r\nPUB parity.x 0\r\n\r\n"),
        Open("unsub.ten-digit-max", Quiet + Sub1 + "UNSUB 1 0000000002\r\nPUB parity.x 0\r\n\r\n"),
        Open("unsub.max-one", Quiet + Sub1 + "UNSUB 1 1\r\nPUB parity.x 0\r\n\r\nPUB parity.x 0\r\n\r\n"),
        Open("unsub.sid-with-max-then-text", Quiet + Sub1 + "UNSUB 1 2x\r\nPUB parity.x 0\r\n\r\n"),
        Open("unsub.unknown-sid", Quiet + "UNSUB 42\r\n"),
        Open("unsub.unknown-sid-verbose", "CONNECT {}\r\nUNSUB 42\r\n"),
        Open("unsub.lowercase", Quiet + Sub1 + "unsub 1\r\nPUB parity.x 0\r\n\r\n"),
    ];
}
