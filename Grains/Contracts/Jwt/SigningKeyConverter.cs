using System.Text.Json;
using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// Reads a signing key as a string or as a scope object whose `kind` must be "user_scope" (Go
/// SigningKeys.UnmarshalJSON rejects other kinds); writes the reverse.
internal sealed class SigningKeyConverter : JsonConverter<SigningKey>
{
    public override SigningKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return SigningKey.Plain(reader.GetString()!);
        }

        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String ||
            kind.GetString() != UserScope.UserScopeKind)
        {
            throw new JsonException("unknown signing key scope");
        }

        return SigningKey.Scoped(root.Deserialize<UserScope>(options)!);
    }

    public override void Write(Utf8JsonWriter writer, SigningKey value, JsonSerializerOptions options)
    {
        if (value.Scope is null)
        {
            writer.WriteStringValue(value.Key);
        }
        else
        {
            JsonSerializer.Serialize(writer, value.Scope, options);
        }
    }
}
