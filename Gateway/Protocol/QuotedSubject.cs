using System.Text;

namespace Natrium.Gateway.Protocol;

/// Go's %q, which is how nats-server quotes subjects inside permission errors, a client's name
/// in its log lines and a bad monitoring query value: double quotes, with quotes, backslashes
/// and non-printables escaped.
internal static class QuotedSubject
{
    public static byte[] Format(ReadOnlySpan<byte> subject) => Encoding.UTF8.GetBytes(Quote(Encoding.UTF8.GetString(subject)));

    /// Go's %q of a text (a client's name in a log line).
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        text.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\a': text.Append("\\a"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\v': text.Append("\\v"); break;
                case 0xFFFD: text.Append("\\ufffd"); break;
                default:
                    if (Rune.IsControl(rune))
                    {
                        text.Append(rune.Value < 0x100 ? $"\\x{rune.Value:x2}" : $"\\u{rune.Value:x4}");
                    }
                    else
                    {
                        text.Append(rune.ToString());
                    }

                    break;
            }
        }

        text.Append('"');
        return text.ToString();
    }
}
