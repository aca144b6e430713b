namespace Natrium.Gateway.Auth;

/// bcrypt's base64: the usual bit packing with the alphabet "./A-Za-z0-9" and no padding.
/// Decoding ignores the unused low bits of the last character, as Go's decoder does.
internal static class BcryptBase64
{
    private static ReadOnlySpan<byte> Alphabet => "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"u8;

    public static void Encode(ReadOnlySpan<byte> data, Span<byte> encoded)
    {
        var at = 0;
        var bits = 0;
        var buffer = 0;
        foreach (var b in data)
        {
            buffer = ((buffer << 8) | b) & 0xFFFF;
            bits += 8;
            while (bits >= 6)
            {
                bits -= 6;
                encoded[at++] = Alphabet[(buffer >> bits) & 0x3F];
            }
        }

        if (bits > 0)
        {
            encoded[at] = Alphabet[(buffer << (6 - bits)) & 0x3F];
        }
    }

    /// False when a character is outside the alphabet; `data` receives floor(6n/8) bytes.
    public static bool TryDecode(ReadOnlySpan<char> encoded, Span<byte> data)
    {
        var at = 0;
        var bits = 0;
        var buffer = 0;
        foreach (var c in encoded)
        {
            var value = Value(c);
            if (value < 0)
            {
                return false;
            }

            buffer = ((buffer << 6) | value) & 0xFFFFFF;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                if (at < data.Length)
                {
                    data[at++] = (byte)(buffer >> bits);
                }
            }
        }

        return at == data.Length;
    }

    private static int Value(char c) => c switch
    {
        '.' => 0,
        '/' => 1,
        >= 'A' and <= 'Z' => c - 'A' + 2,
        >= 'a' and <= 'z' => c - 'a' + 28,
        >= '0' and <= '9' => c - '0' + 54,
        _ => -1,
    };
}
