using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Natrium.Silo.Conf;

/// Strings and bare words (spec/config.md §1): quoted strings with nats-server's escapes,
/// raw single-quoted strings, `( … )` block strings, and unquoted words that become booleans,
/// sized integers, floats, datetimes or strings.
internal static partial class ConfScalars
{
    public static ConfValue DoubleQuoted(ConfReader reader)
    {
        var start = reader.Position;
        reader.Take();
        var text = new StringBuilder();
        while (true)
        {
            if (reader.AtEnd || reader.Current == '\n')
            {
                throw new ConfException(start, "Unterminated quoted string");
            }

            var c = reader.Take();
            if (c == '"')
            {
                return new ConfString(start, text.ToString());
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            var escape = reader.AtEnd ? '\0' : reader.Take();
            switch (escape)
            {
                case 't': text.Append('\t'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case '"': text.Append('"'); break;
                case '\\': text.Append('\\'); break;
                case 'x':
                    var hex = string.Concat(reader.AtEnd ? '\0' : reader.Take(), reader.AtEnd ? '\0' : reader.Take());
                    if (!byte.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                    {
                        throw reader.Error($"Invalid hex escape \"\\x{hex}\"");
                    }

                    text.Append((char)b);
                    break;
                default:
                    throw reader.Error($"Invalid escape character '{escape}'. Only the following escape characters are allowed: \\xXX, \\t, \\n, \\r, \\\", \\\\.");
            }
        }
    }

    public static ConfValue SingleQuoted(ConfReader reader)
    {
        var start = reader.Position;
        reader.Take();
        var text = new StringBuilder();
        while (reader.Current != '\'')
        {
            if (reader.AtEnd || reader.Current == '\n')
            {
                throw new ConfException(start, "Unterminated quoted string");
            }

            text.Append(reader.Take());
        }

        reader.Take();
        return new ConfString(start, text.ToString());
    }

    /// `(` … `)` with the closing parenthesis alone on its line; the content is raw.
    public static ConfValue Block(ConfReader reader)
    {
        var start = reader.Position;
        reader.Take();
        var text = new StringBuilder();
        var lineStart = true;
        while (!reader.AtEnd)
        {
            if (lineStart && reader.Current == ')' && reader.RestOfLineIsBlankAfterParen())
            {
                reader.Take();
                var content = text.ToString();
                return new ConfString(start, content.StartsWith('\n') ? content[1..] : content);
            }

            var c = reader.Take();
            text.Append(c);
            lineStart = c == '\n';
        }

        throw new ConfException(start, "Unterminated block string: expected \")\" alone on a line");
    }

    /// Reads an unquoted word: it runs to whitespace, a newline, `,` `;` `]` or `}`. A `#` or
    /// `//` inside it is text, as in nats-server's lexString (`URL(http://host/)`, `a#b`).
    public static string Word(ConfReader reader)
    {
        var text = new StringBuilder();
        while (!reader.AtEnd && !char.IsWhiteSpace(reader.Current) && reader.Current is not (',' or ';' or ']' or '}'))
        {
            text.Append(reader.Take());
        }

        return text.ToString();
    }

    /// What an unquoted word means: bool, integer (with size suffix), float, datetime, string.
    public static ConfValue Classify(string word, ConfPosition position)
    {
        switch (word.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return new ConfBool(position, true);
            case "false" or "no" or "off":
                return new ConfBool(position, false);
        }

        var sized = SizedInteger().Match(word);
        if (sized.Success)
        {
            if (!long.TryParse(sized.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                throw new ConfException(position, $"integer \"{word}\" is out of range");
            }

            return new ConfInteger(position, checked(number * Multiplier(sized.Groups[2].Value)));
        }

        if (FloatNumber().IsMatch(word))
        {
            return new ConfFloat(position, double.Parse(word, CultureInfo.InvariantCulture));
        }

        if (ZuluDateTime().IsMatch(word))
        {
            return new ConfDateTime(position, DateTimeOffset.Parse(word, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        }

        return new ConfString(position, word);
    }

    /// k m g t p e are powers of 1000; with b, i or ib they are powers of 1024 (1MB = 1048576).
    private static long Multiplier(string suffix)
    {
        if (suffix.Length == 0)
        {
            return 1;
        }

        var power = "kmgtpe".IndexOf(char.ToLowerInvariant(suffix[0]), StringComparison.Ordinal) + 1;
        var unit = suffix.Length == 1 ? 1000L : 1024L;
        long result = 1;
        for (var i = 0; i < power; i++)
        {
            result = checked(result * unit);
        }

        return result;
    }

    [GeneratedRegex("^(-?[0-9]+)((?:[kmgtpe](?:i?b|i)?)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizedInteger();

    [GeneratedRegex("^-?[0-9]+\\.[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatNumber();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", RegexOptions.CultureInvariant)]
    private static partial Regex ZuluDateTime();
}
