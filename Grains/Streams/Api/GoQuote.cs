using System.Globalization;
using System.Text;

namespace Natrium.Grains.Streams.Api;

/// Go's strconv.Quote (`%q`), which nats-server uses inside error texts
/// (`subject "a.*" overlaps with "a.b"`) and its PubAck template: `"` and `\` escaped, printable
/// runes as they are, \a \b \f \n \r \t \v, other control bytes as \xHH, other non-printable
/// runes as \uHHHH or \UHHHHHHHH. Printable follows Go's unicode.IsPrint (letters, marks,
/// numbers, punctuation, symbols and the ASCII space), judged with .NET's Unicode tables.
internal static class GoQuote
{
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            AppendRune(text, rune);
        }

        return text.Append('"').ToString();
    }

    /// Go's encoding/json quoteChar for a byte in a syntax error: `'x'`, `'\''`, `'"'`, `'\n'`.
    /// A byte ≥ 0x80 is shown as the rune of the same number, as Go's string(byte) does.
    public static string QuoteChar(byte c) => c switch
    {
        (byte)'\'' => @"'\''",
        (byte)'"' => "'\"'",
        _ => "'" + Quote(((char)c).ToString())[1..^1] + "'",
    };

    private static void AppendRune(StringBuilder text, Rune rune)
    {
        int value = rune.Value;
        switch (value)
        {
            case '"' or '\\':
                text.Append('\\').Append((char)value);
                return;
            case 7: text.Append("\\a"); return;
            case 8: text.Append("\\b"); return;
            case 12: text.Append("\\f"); return;
            case 10: text.Append("\\n"); return;
            case 13: text.Append("\\r"); return;
            case 9: text.Append("\\t"); return;
            case 11: text.Append("\\v"); return;
        }

        if (IsPrint(rune))
        {
            text.Append(rune.ToString());
        }
        else if (value < ' ' || value == 0x7f)
        {
            text.Append("\\x").Append(value.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (value < 0x10000)
        {
            text.Append("\\u").Append(value.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            text.Append("\\U").Append(value.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    private static bool IsPrint(Rune rune)
    {
        if (rune.IsAscii)
        {
            return rune.Value is >= 0x20 and < 0x7f;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }
}
