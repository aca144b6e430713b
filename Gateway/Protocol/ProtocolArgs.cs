namespace Natrium.Gateway.Protocol;

/// Splitting a control line's arguments and reading its sizes, without allocating.
internal static class ProtocolArgs
{
    /// Splits on runs of spaces and tabs. Returns the number of arguments, or parts.Length + 1
    /// when there are more than fit (the caller treats that as a wrong count).
    public static int Split(ReadOnlySpan<byte> args, Span<Range> parts)
    {
        var count = 0;
        var i = 0;
        while (i < args.Length)
        {
            while (i < args.Length && (args[i] == (byte)' ' || args[i] == (byte)'\t'))
            {
                i++;
            }

            if (i == args.Length)
            {
                break;
            }

            var start = i;
            while (i < args.Length && args[i] != (byte)' ' && args[i] != (byte)'\t')
            {
                i++;
            }

            if (count == parts.Length)
            {
                return parts.Length + 1;
            }

            parts[count++] = start..i;
        }

        return count;
    }

    /// A non-negative decimal size; false for empty, signed, non-digit or overflowing text.
    public static bool TryParseSize(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var b in text)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = value * 10 + digit;
        }

        return value <= int.MaxValue;
    }
}
