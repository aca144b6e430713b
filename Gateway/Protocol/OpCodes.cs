namespace Natrium.Gateway.Protocol;

internal enum OpCode
{
    Unknown,
    Pub,
    HPub,
    Sub,
    Unsub,
    Ping,
    Pong,
    Connect,
    Info,
    Ok,
    Err,
}

/// Recognises a client op name, case-insensitively, as nats-server does (spec/protocol.md §1).
/// PING and PONG ignore whatever follows on their line, so they match on the line's prefix.
internal static class OpCodes
{
    public static OpCode Identify(ReadOnlySpan<byte> name, ReadOnlySpan<byte> line)
    {
        switch (name.Length)
        {
            case 3 when Is(name, "pub"u8):
                return OpCode.Pub;
            case 3 when Is(name, "sub"u8):
                return OpCode.Sub;
            case 3 when Is(name, "+ok"u8):
                return OpCode.Ok;
            case 4 when Is(name, "hpub"u8):
                return OpCode.HPub;
            case 4 when Is(name, "info"u8):
                return OpCode.Info;
            case 4 when Is(name, "-err"u8):
                return OpCode.Err;
            case 5 when Is(name, "unsub"u8):
                return OpCode.Unsub;
            case 7 when Is(name, "connect"u8):
                return OpCode.Connect;
        }

        if (line.Length >= 4 && Is(line[..4], "ping"u8))
        {
            return OpCode.Ping;
        }

        if (line.Length >= 4 && Is(line[..4], "pong"u8))
        {
            return OpCode.Pong;
        }

        // "+OK" and "-ERR" may be followed by anything up to the line end.
        if (line.Length >= 3 && Is(line[..3], "+ok"u8))
        {
            return OpCode.Ok;
        }

        return line.Length >= 4 && Is(line[..4], "-err"u8) ? OpCode.Err : OpCode.Unknown;
    }

    /// ASCII case-insensitive equality against a lower-case literal.
    private static bool Is(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> lower)
    {
        for (var i = 0; i < lower.Length; i++)
        {
            var b = bytes[i];
            if (b is >= (byte)'A' and <= (byte)'Z')
            {
                b |= 0x20;
            }

            if (b != lower[i])
            {
                return false;
            }
        }

        return true;
    }
}
