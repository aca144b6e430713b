namespace Natrium.Tests.Integration.Parity;

public static partial class ParityCorpus
{
    // max_control_line for each op, at the default 4096 (Open) and at 256 (Strict), and
    // max_payload 64 (Strict) (spec/protocol.md §14).
    private static IEnumerable<ParityCase> LimitCases() =>
    [
        .. LongLines("line-limit.default", ParityBroker.Open, OverDefault),
        .. LongLines("line-limit.strict", ParityBroker.Strict, OverStrict),
        Open("line-limit.default.unterminated", Quiet + "SUB " + OverDefault),
        Open("line-limit.default.ping-split", Quiet + "PING " + OverDefault, OverDefault + "\r\n"),
        Open("line-limit.default.pong-split", Quiet + "PONG " + OverDefault, OverDefault + "\r\nPING\r\n"),
        Open("line-limit.default.ok-split", Quiet + "+OK " + OverDefault, OverDefault + "\r\nPING\r\n"),
        Open("line-limit.default.args-at-max", Quiet + "PUB parity.x " + new string('r', 4096 - 11) + " 0\r\n\r\n"),
        Open("line-limit.default.args-over-max", Quiet + "PUB parity.x " + new string('r', 4096 - 10) + " 0\r\n\r\n"),
        Open("line-limit.default.spaces-after-op", Quiet + "PUB" + new string(' ', 40) + "parity.x " + new string('r', 4080) + " 0\r\n\r\n") with
        {
            Deliberate = new("-ERR 'maximum control line exceeded'\r\n", Closed: true),
            Why = "nats-server counts only the arguments and skips any run of whitespace before them; natrium "
                + "allows the op name 16 bytes of slack and bounds the whole line, since it keeps an incomplete line until its LF",
        },
        Open("line-limit.default.exactly-max", Quiet + "PING " + new string('a', 4091) + "\r\n"),
        Open("line-limit.default.one-over", Quiet + "PING " + new string('a', 4092) + "\r\n"),
        Strict("line-limit.strict.before-connect", "PUB " + OverStrict + " 0\r\n\r\n"),
        Strict("line-limit.strict.connect", "CONNECT {\"user\":\"u\",\"pass\":\"pw\",\"name\":\"" + OverStrict + "\"}\r\n"),
        Strict("payload-limit.pub", Login + "PUB parity.x 65\r\n"),
        Strict("payload-limit.pub-at-max", Login + "SUB parity.x 1\r\nPUB parity.x 64\r\n" + new string('p', 64) + "\r\n"),
        Strict("payload-limit.hpub", "CONNECT {\"verbose\":false,\"user\":\"u\",\"pass\":\"pw\",\"headers\":true}\r\nHPUB parity.x 12 65\r\n"),
    ];

    // The over-long line in every op, after a valid CONNECT.
    private static IEnumerable<ParityCase> LongLines(string prefix, ParityBroker broker, string over)
    {
        var connect = broker == ParityBroker.Open ? Quiet : Login;
        string[] lines =
        [
            "PUB parity.x " + over + " 0\r\n\r\n",
            "HPUB parity.x " + over + " 0 0\r\n\r\n",
            "SUB parity.x " + over + "\r\n",
            "UNSUB " + over + "\r\n",
            "PING " + over + "\r\n",
            "PONG " + over + "\r\n",
            "INFO " + over + "\r\n",
            "+OK " + over + "\r\n",
            "-ERR " + over + "\r\n",
            "FOO " + over + "\r\n",
            "CONNECT {\"verbose\":false,\"name\":\"" + over + "\"}\r\n",
        ];
        string[] names = ["pub", "hpub", "sub", "unsub", "ping", "pong", "info", "ok", "err", "unknown", "second-connect"];
        return names.Select((name, i) => new ParityCase($"{prefix}.{name}", broker, [connect + lines[i]]));
    }
}
