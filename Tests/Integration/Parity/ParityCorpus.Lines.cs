namespace Natrium.Tests.Integration.Parity;

public static partial class ParityCorpus
{
    // Op names, terminators and stray bytes (spec/protocol.md §1).
    private static IEnumerable<ParityCase> LineCases() =>
    [
        Open("line.ping-trailing-args", Quiet + "PING foo bar\r\n"),
        Open("line.ping-glued", Quiet + "PINGXYZ\r\n"),
        Open("line.ping-trailing-spaces", Quiet + "PING   \r\n"),
        Open("line.ping-lowercase", Quiet + "ping\r\n"),
        Open("line.ping-mixed-case", Quiet + "PiNg\r\n"),
        Open("line.ping-bare-lf", Quiet + "PING\n"),
        Open("line.ping-cr-inside", Quiet + "PING\rX\r\n"),
        Open("line.ping-trailing-nul", Quiet + "PING\0\r\n"),
        Open("line.ping-nul-inside", Quiet + "PI\0NG\r\n"),
        Open("line.ping-leading-space", Quiet + " PING\r\n"),
        Open("line.pong-trailing-args", Quiet + "PONG extra\r\n"),
        Open("line.pong-lowercase", Quiet + "pong\r\n"),
        Open("line.pong-unasked", Quiet + "PONG\r\n"),
        Open("line.ok", Quiet + "+OK\r\n"),
        Open("line.ok-lowercase", Quiet + "+ok\r\n"),
        Open("line.ok-glued", Quiet + "+OKAY\r\n"),
        Open("line.plus-only", Quiet + "+\r\n"),
        Open("line.err", Quiet + "-ERR 'oops'\r\n"),
        Open("line.err-bare", Quiet + "-ERR\r\n"),
        Open("line.err-glued", Quiet + "-ERRX\r\n"),
        Open("line.info", Quiet + "INFO {\"server_id\":\"x\"}\r\n"),
        Open("line.info-garbage", Quiet + "INFO garbage\r\n"),
        Open("line.info-wrong-type", Quiet + "INFO {\"server_id\":1}\r\n"),
        Open("line.info-array", Quiet + "INFO []\r\n"),
        Open("line.info-bare", Quiet + "INFO\r\n"),
        Open("line.unknown-op", Quiet + "FOO bar\r\n"),
        Open("line.msg", Quiet + "MSG parity.x 1 0\r\n\r\n"),
        Open("line.hmsg", Quiet + "HMSG parity.x 1 2 2\r\nhi\r\n"),
        Open("line.route-op", Quiet + "RS+ parity.x\r\n"),
        Open("line.leaf-op", Quiet + "LMSG parity.x 0\r\n\r\n"),
        Open("line.empty", Quiet + "\r\n"),
        Open("line.bare-lf", Quiet + "\n"),
        Open("line.nul", Quiet + "\0\r\n"),
        Open("line.short-op", Quiet + "PI\r\n"),
        Open("line.high-bytes", Quiet + "\u00ff\u00fe\r\n"),
        Open("line.bare-lf-everywhere", Quiet + "SUB parity.x 1\nPUB parity.x 2\nhi\r\nPING\n"),
        Open("line.split-ping", Quiet + "PI", "NG\r\n"),
        Open("line.split-connect", "CONN", "ECT {\"verbose\":false}\r\n"),
        Open("line.split-pub", Quiet + Sub1 + "PUB parity.x 5\r\nhe", "llo\r", "\n"),
        Open("line.split-crlf", Quiet + "PING\r", "\n"),
    ];
}
