using System.Text;
using System.Text.Json;

namespace Natrium.Gateway.Protocol;

/// Reads CONNECT's JSON as Go's encoding/json reads it into nats-server's struct: unknown
/// fields are ignored, null leaves a field as it was (`CONNECT null` keeps every default),
/// invalid JSON, a field of the wrong type or anything but whitespace after the object is
/// refused (null here: nats-server closes the connection without -ERR). Field names match
/// case-insensitively, as Go's encoding/json matches them, so `{"USER":…}` is the user
/// field (issue #10: it used to be ignored, logging in as no_auth_user); a repeated field
/// takes its last value, as in Go.
internal static class ConnectParser
{
    // Go's decoder nests up to 10000 deep; the line limit bounds the work anyway.
    private const int MaxDepth = 10000;

    public static ConnectOptions? Parse(ReadOnlySpan<byte> json)
    {
        var options = new ConnectOptions();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read())
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                return reader.Read() ? null : options;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = FoldName(LenientString(ref reader));
                if (!reader.Read() || !ReadField(ref reader, name, options))
                {
                    return null;
                }
            }

            // Only whitespace may follow the object: a second value or garbage throws.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? options : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool ReadField(ref Utf8JsonReader reader, string? name, ConnectOptions o)
    {
        switch (name)
        {
            case "verbose": return ReadBool(ref reader, v => o.Verbose = v);
            case "pedantic": return ReadBool(ref reader, v => o.Pedantic = v);
            case "echo": return ReadBool(ref reader, v => o.Echo = v);
            case "headers": return ReadBool(ref reader, v => o.Headers = v);
            case "no_responders": return ReadBool(ref reader, v => o.NoResponders = v);
            case "tls_required": return ReadBool(ref reader, v => o.TlsRequired = v);
            case "new_account": return ReadBool(ref reader, v => o.NewAccount = v);
            case "protocol":
                // Go's int is 64 bits: a huge version is refused as invalid, not as malformed.
                if (reader.TokenType == JsonTokenType.Null)
                {
                    return true;
                }

                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var protocol))
                {
                    return false;
                }

                o.Protocol = (int)Math.Clamp(protocol, int.MinValue, int.MaxValue);
                return true;
            case "name": return ReadString(ref reader, v => o.Name = v);
            case "lang": return ReadString(ref reader, v => o.Lang = v);
            case "version": return ReadString(ref reader, v => o.Version = v);
            case "user": return ReadString(ref reader, v => o.User = v);
            case "pass": return ReadString(ref reader, v => o.Password = v);
            case "auth_token": return ReadString(ref reader, v => o.AuthToken = v);
            case "nkey": return ReadString(ref reader, v => o.Nkey = v);
            case "sig": return ReadString(ref reader, v => o.Signature = v);
            case "jwt": return ReadString(ref reader, v => o.Jwt = v);
            case "account": return ReadString(ref reader, v => o.Account = v);
            default:
                reader.Skip();
                return true;
        }
    }

    /// Go's encoding/json folds names with Unicode simple case folding; among the runes that
    /// fold onto ASCII letters only these two are not ASCII themselves.
    internal static string? FoldName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        return string.Create(name.Length, name, static (folded, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                folded[i] = source[i] switch
                {
                    >= 'A' and <= 'Z' => (char)(source[i] + ('a' - 'A')),
                    'ſ' => 's', // LATIN SMALL LETTER LONG S
                    'K' => 'k', // KELVIN SIGN
                    var c => c,
                };
            }
        });
    }

    private static bool ReadBool(ref Utf8JsonReader reader, Action<bool> set)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
        {
            return false;
        }

        set(reader.GetBoolean());
        return true;
    }

    private static bool ReadString(ref Utf8JsonReader reader, Action<string?> set)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        set(LenientString(ref reader));
        return true;
    }

    /// Go keeps invalid UTF-8 in a JSON string as U+FFFD where .NET's GetString throws.
    internal static string? LenientString(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan);
}
