namespace Natrium.Gateway.Protocol;

// Decimal numbers on control lines (spec/protocol.md §5, §6). nats-server 2.9.10 reads at most
// nine digits: a longer token, a sign or an empty token is malformed (-1). A malformed size
// closes the connection without -ERR; a malformed UNSUB max unsubscribes at once.
internal static class ProtocolNumber
{
    // Nine digits never overflow an int.
    private const int MaxDigits = 9;

    // number = 1*9DIGIT ; returns -1 when malformed.
    public static int Parse(ReadOnlySpan<byte> digits)
    {
        if (digits.IsEmpty || digits.Length > MaxDigits)
        {
            return -1;
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
}
