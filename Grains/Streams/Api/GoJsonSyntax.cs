namespace Natrium.Grains.Streams.Api;

/// The syntax check Go's json.Unmarshal runs before decoding (encoding/json scanner.go), for
/// the one place nats-server 2.9.10 shows Go's error text to clients: `400 Bad Request - <err>`
/// on a pull request (spec/jetstream.md §5.3). Returns null for valid JSON, else Go's text:
/// `unexpected end of JSON input` or `invalid character 'x' <where>` (verified on 2.9.10 for
/// each context below). Like Go, the end of input is fed as one space before giving up.
internal static class GoJsonSyntax
{
    private enum Scan { BeginValue, BeginValueOrEmpty, BeginStringOrEmpty, BeginString, EndValue, EndTop,
        InString, InStringEsc, InStringEscU, Neg, One, Zero, Dot, Dot0, E, ESign, E0, Literal }

    private enum Nesting { ObjectKey, ObjectValue, ArrayValue }

    public static string? Check(ReadOnlySpan<byte> data)
    {
        var scanner = new Scanner();
        foreach (byte c in data)
        {
            if (scanner.Step(c) is { } error)
            {
                return error;
            }
        }

        return scanner.AtEnd ? null : scanner.Step((byte)' ') ?? (scanner.AtEnd ? null : "unexpected end of JSON input");
    }

    private sealed class Scanner
    {
        private readonly Stack<Nesting> _nesting = new();
        private Scan _state = Scan.BeginValue;
        private string _literal = "";
        private int _literalAt;
        private int _hexLeft;

        public bool AtEnd => _state == Scan.EndTop;

        public string? Step(byte c)
        {
            switch (_state)
            {
                case Scan.BeginValueOrEmpty:
                    return IsSpace(c) ? null : c == ']' ? EndValue(c) : BeginValue(c);
                case Scan.BeginValue:
                    return BeginValue(c);
                case Scan.BeginStringOrEmpty when c == '}':
                    _nesting.Pop();
                    _nesting.Push(Nesting.ObjectValue);
                    return EndValue(c);
                case Scan.BeginStringOrEmpty or Scan.BeginString:
                    return IsSpace(c) ? null : c == '"' ? To(Scan.InString) : Fail(c, "looking for beginning of object key string");
                case Scan.EndValue:
                    return EndValue(c);
                case Scan.EndTop:
                    return IsSpace(c) ? null : Fail(c, "after top-level value");
                case Scan.InString:
                    return c == '"' ? To(Scan.EndValue) : c == '\\' ? To(Scan.InStringEsc) : c < 0x20 ? Fail(c, "in string literal") : null;
                case Scan.InStringEsc when c == 'u':
                    _hexLeft = 4;
                    return To(Scan.InStringEscU);
                case Scan.InStringEsc:
                    return "bfnrt\\/\"".Contains((char)c) ? To(Scan.InString) : Fail(c, "in string escape code");
                case Scan.InStringEscU:
                    return !char.IsAsciiHexDigit((char)c) ? Fail(c, "in \\u hexadecimal character escape")
                        : --_hexLeft == 0 ? To(Scan.InString) : null;
                case Scan.Neg:
                    return c == '0' ? To(Scan.Zero) : IsDigit(c) ? To(Scan.One) : Fail(c, "in numeric literal");
                case Scan.One when IsDigit(c):
                    return null;
                case Scan.One or Scan.Zero:
                    return c == '.' ? To(Scan.Dot) : c is (byte)'e' or (byte)'E' ? To(Scan.E) : EndValue(c);
                case Scan.Dot:
                    return IsDigit(c) ? To(Scan.Dot0) : Fail(c, "after decimal point in numeric literal");
                case Scan.Dot0:
                    return IsDigit(c) ? null : c is (byte)'e' or (byte)'E' ? To(Scan.E) : EndValue(c);
                case Scan.E when c is (byte)'+' or (byte)'-':
                    return To(Scan.ESign);
                case Scan.E or Scan.ESign:
                    return IsDigit(c) ? To(Scan.E0) : Fail(c, "in exponent of numeric literal");
                case Scan.E0:
                    return IsDigit(c) ? null : EndValue(c);
                default:
                    return LiteralStep(c);
            }
        }

        private string? BeginValue(byte c)
        {
            switch (c)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    _state = Scan.BeginValue;
                    return null;
                case (byte)'{':
                    _nesting.Push(Nesting.ObjectKey);
                    return To(Scan.BeginStringOrEmpty);
                case (byte)'[':
                    _nesting.Push(Nesting.ArrayValue);
                    return To(Scan.BeginValueOrEmpty);
                case (byte)'"':
                    return To(Scan.InString);
                case (byte)'-':
                    return To(Scan.Neg);
                case (byte)'0':
                    return To(Scan.Zero);
                case (byte)'t' or (byte)'f' or (byte)'n':
                    _literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
                    _literalAt = 1;
                    return To(Scan.Literal);
                default:
                    return IsDigit(c) ? To(Scan.One) : Fail(c, "looking for beginning of value");
            }
        }

        private string? EndValue(byte c)
        {
            if (_nesting.Count == 0)
            {
                _state = Scan.EndTop;
                return Step(c);
            }

            if (IsSpace(c))
            {
                return To(Scan.EndValue);
            }

            switch (_nesting.Peek())
            {
                case Nesting.ObjectKey when c == ':':
                    _nesting.Pop();
                    _nesting.Push(Nesting.ObjectValue);
                    return To(Scan.BeginValue);
                case Nesting.ObjectKey:
                    return Fail(c, "after object key");
                case Nesting.ObjectValue when c == ',':
                    _nesting.Pop();
                    _nesting.Push(Nesting.ObjectKey);
                    return To(Scan.BeginString);
                case Nesting.ObjectValue when c == '}':
                    return Close();
                case Nesting.ObjectValue:
                    return Fail(c, "after object key:value pair");
                case Nesting.ArrayValue when c == ',':
                    return To(Scan.BeginValue);
                case Nesting.ArrayValue when c == ']':
                    return Close();
                default:
                    return Fail(c, "after array element");
            }
        }

        private string? Close()
        {
            _nesting.Pop();
            return To(_nesting.Count == 0 ? Scan.EndTop : Scan.EndValue);
        }

        private string? LiteralStep(byte c)
        {
            char expected = _literal[_literalAt];
            if (c != expected)
            {
                return Fail(c, $"in literal {_literal} (expecting '{expected}')");
            }

            return ++_literalAt == _literal.Length ? To(Scan.EndValue) : null;
        }

        private string? To(Scan state)
        {
            _state = state;
            return null;
        }

        private static string Fail(byte c, string where) => "invalid character " + GoQuote.QuoteChar(c) + " " + where;

        private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

        private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';
    }
}
