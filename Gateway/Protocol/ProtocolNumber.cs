namespace Natrium.Gateway.Protocol;

// Decimal numbers on control lines. A sign, an empty token or a value that does not fit is
// malformed: nats-server closes the connection without -ERR (spec/protocol.md §5, §6).
internal static class ProtocolNumber
{
    // Nine digits never overflow an int, so the common case needs no overflow check.
    private const int SafeIntDigits = 9;

    // size = 1*DIGIT, at most int.MaxValue; returns -1 when malformed.
    public static int ParseSize(ReadOnlySpan<byte> digits)
    {
        if (digits.IsEmpty)
        {
            return -1;
        }

        if (digits.Length > SafeIntDigits)
        {
            long wide = ParseCount(digits);
            return wide is >= 0 and <= int.MaxValue ? (int)wide : -1;
        }

        int value = 0;
        foreach (byte b in digits)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return -1;
            }

            value = (value * 10) + (int)digit;
        }

        return value;
    }

    // count = 1*DIGIT, at most long.MaxValue; returns -1 when malformed.
    public static long ParseCount(ReadOnlySpan<byte> digits)
    {
        if (digits.IsEmpty)
        {
            return -1;
        }

        long value = 0;
        foreach (byte b in digits)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9 || value > (long.MaxValue - digit) / 10)
            {
                return -1;
            }

            value = (value * 10) + digit;
        }

        return value;
    }
}
