using System.Text.Json;

namespace Natrium.Gateway.Protocol;

/// A client's INFO is read and ignored, but nats-server 2.9.10 decodes its JSON into its Info
/// struct first and closes the connection without -ERR when that fails: when it is not JSON,
/// not an object (null is fine, as in Go), has more after the object, or one of the fields a
/// server's INFO carries has the wrong type (spec/protocol.md §1). Field names fold as in
/// ConnectParser; fields only routes and leafnodes send are not checked.
internal static class ClientInfoParser
{
    private enum Kind
    {
        String,
        Bool,
        Int,
        Strings,
    }

    private static readonly Dictionary<string, Kind> Fields = new()
    {
        ["server_id"] = Kind.String, ["server_name"] = Kind.String, ["version"] = Kind.String,
        ["go"] = Kind.String, ["host"] = Kind.String, ["ip"] = Kind.String, ["client_ip"] = Kind.String,
        ["nonce"] = Kind.String, ["cluster"] = Kind.String, ["domain"] = Kind.String, ["git_commit"] = Kind.String,
        ["headers"] = Kind.Bool, ["auth_required"] = Kind.Bool, ["tls_required"] = Kind.Bool,
        ["tls_verify"] = Kind.Bool, ["tls_available"] = Kind.Bool, ["jetstream"] = Kind.Bool, ["ldm"] = Kind.Bool,
        ["proto"] = Kind.Int, ["port"] = Kind.Int, ["max_payload"] = Kind.Int, ["client_id"] = Kind.Int,
        ["connect_urls"] = Kind.Strings, ["ws_connect_urls"] = Kind.Strings,
    };

    // INFO <json> (spec/protocol.md §1)
    public static bool IsValid(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 10000 });
            if (!reader.Read() || reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.Null))
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = ConnectParser.FoldName(ConnectParser.LenientString(ref reader));
                    if (!reader.Read() || !HasType(ref reader, name))
                    {
                        return false;
                    }
                }
            }

            // Only whitespace may follow: a second value or garbage throws.
            return !reader.Read();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool HasType(ref Utf8JsonReader reader, string? name)
    {
        if (name is null || !Fields.TryGetValue(name, out var kind) || reader.TokenType == JsonTokenType.Null)
        {
            reader.Skip();
            return true;
        }

        switch (kind)
        {
            case Kind.String:
                return reader.TokenType == JsonTokenType.String;
            case Kind.Bool:
                return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
            case Kind.Int:
                return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out _);
            default:
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                    {
                        return false;
                    }
                }

                return true;
        }
    }
}
