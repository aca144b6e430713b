using System.Globalization;
using System.Text;

namespace Natrium.Contracts.Jwt;

/// A JSON string literal exactly as Go's encoding/json writes it (json.Marshal, HTML escaping on,
/// Go ≥ 1.22): `"` and `\` backslash-escaped; \b \f \n \r \t short forms; other control
/// characters and < > & as \u00XX (lower-case hex); U+2028/U+2029 escaped; any other character
/// as is. A lone surrogate is what Go sees as invalid UTF-8, written \ufffd.
internal static class GoJsonString
{
    public static void Append(StringBuilder json, string value)
    {
        json.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    AppendUnicodeEscape(json, c);
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        json.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        json.Append("\\ufffd");
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        json.Append('"');
    }

    private static void AppendUnicodeEscape(StringBuilder json, char c) =>
        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
