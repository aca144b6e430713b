using System.Text.Json;

namespace Natrium.Gateway.Protocol;

/// Reads CONNECT's JSON. nats-server ignores unknown fields and closes the connection
/// without -ERR on invalid JSON or a field of the wrong type, so this returns null for both.
internal static class ConnectParser
{
    public static ConnectOptions? Parse(ReadOnlySpan<byte> json)
    {
        var options = new ConnectOptions();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read() || !ReadField(ref reader, name, options))
                {
                    return null;
                }
            }

            return reader.TokenType == JsonTokenType.EndObject ? options : null;
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
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var protocol))
                {
                    return false;
                }

                o.Protocol = protocol;
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

    private static bool ReadBool(ref Utf8JsonReader reader, Action<bool> set)
    {
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

        set(reader.GetString());
        return true;
    }
}
