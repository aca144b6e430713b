namespace Natrium.Gateway.Protocol;

// Splits the arguments of a control line into tokens (spec/protocol.md §1).
internal static class ArgSplitter
{
    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t';

    // args = *WS [token *(1*WS token)] *WS ; WS = SP / HTAB ; token = 1*(any byte but WS)
    // Fills at most tokens.Length ranges and returns how many tokens there are, except that a
    // line with more tokens than fit returns tokens.Length + 1 so the caller can reject it
    // without scanning the rest.
    public static int Split(ReadOnlySpan<byte> args, Span<Range> tokens)
    {
        int count = 0;
        int i = 0;
        while (true)
        {
            int skip = args.Slice(i).IndexOfAnyExcept((byte)' ', (byte)'\t');
            if (skip < 0)
            {
                return count;
            }

            if (count == tokens.Length)
            {
                return count + 1;
            }

            i += skip;
            int length = args.Slice(i).IndexOfAny((byte)' ', (byte)'\t');
            if (length < 0)
            {
                length = args.Length - i;
            }

            tokens[count++] = new Range(i, i + length);
            i += length;
        }
    }

    // CONNECT may have any whitespace before its JSON (spec/protocol.md §1).
    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> args)
    {
        int start = args.IndexOfAnyExcept((byte)' ', (byte)'\t');
        return start < 0 ? default : args.Slice(start);
    }
}
