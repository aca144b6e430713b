using System.Buffers.Binary;
using System.Text;

namespace Natrium.Gateway.Protocol;

// Recognises the op name at the start of a control line (spec/protocol.md §1).
internal static class ClientOpName
{
    // The first four bytes little-endian, each OR-ed with 0x20. OR-ing 0x20 lower-cases an
    // ASCII letter exactly and only matches the two cases of that letter, so comparing a key
    // made only of letters is a case-insensitive compare. Non-letters ('+', '-', ' ') are
    // checked on the raw bytes instead.
    private const uint LowerMask = 0x20202020;
    private const uint Ping = 'p' | 'i' << 8 | 'n' << 16 | 'g' << 24;
    private const uint Pong = 'p' | 'o' << 8 | 'n' << 16 | 'g' << 24;
    private const uint Info = 'i' | 'n' << 8 | 'f' << 16 | 'o' << 24;
    private const uint Conn = 'c' | 'o' << 8 | 'n' << 16 | 'n' << 24;
    private const uint HPub = 'h' | 'p' << 8 | 'u' << 16 | 'b' << 24;
    private const uint Unsu = 'u' | 'n' << 8 | 's' << 16 | 'u' << 24;
    private const uint Pub = 'p' | 'u' << 8 | 'b' << 16;
    private const uint Sub = 's' | 'u' << 8 | 'b' << 16;

    // op-name = "PUB" / "HPUB" / "SUB" / "UNSUB" / "CONNECT" / "INFO" / "PING" / "PONG" / "+OK" / "-ERR"
    // (any case). PING, PONG, +OK, INFO and CONNECT are prefixes: nats-server reads the rest of
    // the line as their argument (`PINGXYZ` is a PING). PUB, HPUB, SUB, UNSUB and -ERR must be
    // followed by a space or tab (`PUB\r\n`, `PUBX` are unknown ops). argStart is just past the name.
    public static ClientOp Identify(ReadOnlySpan<byte> line, out int argStart)
    {
        argStart = 0;
        if (line.Length < 3)
        {
            return ClientOp.Unknown;
        }

        if (line[0] == '+')
        {
            bool ok = (line[1] | 0x20) == 'o' && (line[2] | 0x20) == 'k';
            argStart = ok ? 3 : 0;
            return ok ? ClientOp.Ok : ClientOp.Unknown;
        }

        if (line.Length < 4)
        {
            return ClientOp.Unknown;
        }

        if (line[0] == '-')
        {
            return Ascii.EqualsIgnoreCase(line.Slice(1, 3), "err"u8)
                ? Named(line, 4, ClientOp.Err, out argStart)
                : ClientOp.Unknown;
        }

        uint key = BinaryPrimitives.ReadUInt32LittleEndian(line) | LowerMask;
        switch (key)
        {
            case Ping:
                argStart = 4;
                return ClientOp.Ping;
            case Pong:
                argStart = 4;
                return ClientOp.Pong;
            case Info:
                argStart = 4;
                return ClientOp.Info;
            case HPub:
                return Named(line, 4, ClientOp.HPub, out argStart);
            case Unsu:
                return line.Length > 4 && (line[4] | 0x20) == 'b'
                    ? Named(line, 5, ClientOp.Unsub, out argStart)
                    : ClientOp.Unknown;
            case Conn:
                bool connect = line.Length >= 7 && Ascii.EqualsIgnoreCase(line.Slice(4, 3), "ect"u8);
                argStart = connect ? 7 : 0;
                return connect ? ClientOp.Connect : ClientOp.Unknown;
        }

        return (key & 0x00FFFFFF) switch
        {
            Pub => Named(line, 3, ClientOp.Pub, out argStart),
            Sub => Named(line, 3, ClientOp.Sub, out argStart),
            _ => ClientOp.Unknown,
        };
    }

    // The name must end the line or be followed by whitespace; the caller rejects an op that
    // requires arguments but has none (spec/protocol.md §1: `UNSUB\r\n` is an unknown op, and
    // so is a bare `-ERR\r\n` to nats-server 2.9.10).
    private static ClientOp Named(ReadOnlySpan<byte> line, int length, ClientOp op, out int argStart)
    {
        argStart = length;
        if (line.Length > length && ArgSplitter.IsWhitespace(line[length]))
        {
            return op;
        }

        return ClientOp.Unknown;
    }
}
