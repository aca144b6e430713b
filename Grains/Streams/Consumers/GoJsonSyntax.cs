namespace Natrium.Grains.Streams.Consumers;

/// Checks JSON syntax and words the first error as Go's encoding/json scanner does, since
/// 2.9.10 echoes it in `400 Bad Request - <error>` (seen: `invalid character 'b' looking for
/// beginning of object key string`). Go checks the whole text before decoding anything.
internal static class GoJsonSyntax
{
    public static string? Check(ReadOnlySpan<byte> json)
    {
        var i = 0;
        var error = Value(json, ref i, "looking for beginning of value");
        if (error is not null)
        {
            return error;
        }

        SkipSpace(json, ref i);
        return i < json.Length ? Invalid(json[i], "after top-level value") : null;
    }

    private static string? Value(ReadOnlySpan<byte> s, ref int i, string context)
    {
        SkipSpace(s, ref i);
        if (i >= s.Length)
        {
            return EndOfInput;
        }

        return s[i] switch
        {
            (byte)'{' => Object(s, ref i),
            (byte)'[' => Array(s, ref i),
            (byte)'"' => String(s, ref i),
            (byte)'-' or (>= (byte)'0' and <= (byte)'9') => Number(s, ref i),
            (byte)'t' => Literal(s, ref i, "true"u8),
            (byte)'f' => Literal(s, ref i, "false"u8),
            (byte)'n' => Literal(s, ref i, "null"u8),
            var c => Invalid(c, context),
        };
    }

    private static string? Object(ReadOnlySpan<byte> s, ref int i)
    {
        i++;
        SkipSpace(s, ref i);
        if (i < s.Length && s[i] == '}')
        {
            i++;
            return null;
        }

        while (true)
        {
            SkipSpace(s, ref i);
            if (i >= s.Length)
            {
                return EndOfInput;
            }

            if (s[i] != '"')
            {
                return Invalid(s[i], "looking for beginning of object key string");
            }

            var error = String(s, ref i) ?? Expect(s, ref i, (byte)':', "after object key")
                ?? Value(s, ref i, "looking for beginning of value");
            if (error is not null)
            {
                return error;
            }

            SkipSpace(s, ref i);
            if (i >= s.Length)
            {
                return EndOfInput;
            }

            var c = s[i++];
            if (c == '}')
            {
                return null;
            }

            if (c != ',')
            {
                return Invalid(c, "after object key:value pair");
            }
        }
    }

    private static string? Array(ReadOnlySpan<byte> s, ref int i)
    {
        i++;
        SkipSpace(s, ref i);
        if (i < s.Length && s[i] == ']')
        {
            i++;
            return null;
        }

        while (true)
        {
            var error = Value(s, ref i, "looking for beginning of value");
            if (error is not null)
            {
                return error;
            }

            SkipSpace(s, ref i);
            if (i >= s.Length)
            {
                return EndOfInput;
            }

            var c = s[i++];
            if (c == ']')
            {
                return null;
            }

            if (c != ',')
            {
                return Invalid(c, "after array element");
            }
        }
    }

    private static string? String(ReadOnlySpan<byte> s, ref int i)
    {
        for (i++; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"')
            {
                i++;
                return null;
            }

            if (c < 0x20)
            {
                return Invalid(c, "in string literal");
            }

            if (c == '\\')
            {
                if (++i >= s.Length)
                {
                    return EndOfInput;
                }

                if (s[i] == 'u')
                {
                    for (var k = 0; k < 4; k++)
                    {
                        if (++i >= s.Length)
                        {
                            return EndOfInput;
                        }

                        if (!char.IsAsciiHexDigit((char)s[i]))
                        {
                            return Invalid(s[i], "in \\u hexadecimal character escape");
                        }
                    }
                }
                else if ("\"\\/bfnrt"u8.IndexOf(s[i]) < 0)
                {
                    return Invalid(s[i], "in string escape code");
                }
            }
        }

        return EndOfInput;
    }

    private static string? Number(ReadOnlySpan<byte> s, ref int i)
    {
        if (s[i] == '-' && (++i >= s.Length || !IsDigit(s[i])))
        {
            return Invalid(i >= s.Length ? (byte)' ' : s[i], "in numeric literal");
        }

        if (s[i] == '0')
        {
            i++;
        }
        else
        {
            Digits(s, ref i);
        }

        if (i < s.Length && s[i] == '.')
        {
            if (++i >= s.Length || !IsDigit(s[i]))
            {
                return Invalid(i >= s.Length ? (byte)' ' : s[i], "after decimal point in numeric literal");
            }

            Digits(s, ref i);
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            if (++i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            if (i >= s.Length || !IsDigit(s[i]))
            {
                return Invalid(i >= s.Length ? (byte)' ' : s[i], "in exponent of numeric literal");
            }

            Digits(s, ref i);
        }

        return null;
    }

    private static string? Literal(ReadOnlySpan<byte> s, ref int i, ReadOnlySpan<byte> word)
    {
        for (var k = 0; k < word.Length; k++, i++)
        {
            // Go feeds the end of input as one space: a literal cut short is an invalid ' '.
            if (i >= s.Length || s[i] != word[k])
            {
                return Invalid(i >= s.Length ? (byte)' ' : s[i], $"in literal {System.Text.Encoding.ASCII.GetString(word)} (expecting '{(char)word[k]}')");
            }
        }

        return null;
    }

    private static string? Expect(ReadOnlySpan<byte> s, ref int i, byte wanted, string context)
    {
        SkipSpace(s, ref i);
        if (i >= s.Length)
        {
            return EndOfInput;
        }

        return s[i++] == wanted ? null : Invalid(s[i - 1], context);
    }

    private const string EndOfInput = "unexpected end of JSON input";

    private static void SkipSpace(ReadOnlySpan<byte> s, ref int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }
    }

    private static void Digits(ReadOnlySpan<byte> s, ref int i)
    {
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
        }
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    /// Go's quoteChar: `'x'`, `'\''`, `'"'`, control characters escaped.
    private static string Invalid(byte c, string context)
    {
        var quoted = c switch
        {
            (byte)'\'' => @"'\''",
            (byte)'"' => "'\"'",
            (byte)'\n' => @"'\n'",
            (byte)'\r' => @"'\r'",
            (byte)'\t' => @"'\t'",
            < 0x20 or 0x7f => $"'\\x{c:x2}'",
            >= 0x80 and <= 0xa0 => $"'\\u{c:x4}'",
            _ => "'" + (char)c + "'",
        };
        return "invalid character " + quoted + " " + context;
    }
}
