using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// A scope template's subs/data/payload default to -1 when absent: Go decodes the scope into
/// NewUserScope(), whose limits start unlimited, while a user JWT starts from zero. Go then drops
/// a 0 on output (omitempty), which reads back as -1; we write the three limits always so that a
/// zero limit survives a round trip through any reader.
internal sealed class ScopeTemplateConverter : JsonConverter<UserPermissionLimits>
{
    private static readonly string[] LimitNames = ["subs", "data", "payload"];

    public override UserPermissionLimits Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("template is not an object");
        }

        var template = root.Deserialize<UserPermissionLimits>(options) ?? new UserPermissionLimits();
        return template with
        {
            Subs = Has(root, "subs", options) ? template.Subs : UserPermissionLimits.NoLimit,
            Data = Has(root, "data", options) ? template.Data : UserPermissionLimits.NoLimit,
            Payload = Has(root, "payload", options) ? template.Payload : UserPermissionLimits.NoLimit,
        };
    }

    public override void Write(Utf8JsonWriter writer, UserPermissionLimits value, JsonSerializerOptions options)
    {
        // Serialised as the base type: a UserNats passed here must not add its own fields. The
        // limits go back in their Go position, before bearer_token.
        var node = JsonSerializer.SerializeToNode(value, typeof(UserPermissionLimits), options)!.AsObject();
        writer.WriteStartObject();
        var limitsWritten = false;
        foreach (var (name, property) in node)
        {
            if (Array.IndexOf(LimitNames, name) >= 0)
            {
                continue;
            }

            if (!limitsWritten && name is "bearer_token" or "proxy_required" or "allowed_connection_types")
            {
                WriteLimits(writer, value);
                limitsWritten = true;
            }

            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, property, options);
        }

        if (!limitsWritten)
        {
            WriteLimits(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteLimits(Utf8JsonWriter writer, UserPermissionLimits value)
    {
        writer.WriteNumber(LimitNames[0], value.Subs);
        writer.WriteNumber(LimitNames[1], value.Data);
        writer.WriteNumber(LimitNames[2], value.Payload);
    }

    /// Present and not null; names match case-insensitively, like every other field.
    private static bool Has(JsonElement root, string name, JsonSerializerOptions options)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null &&
                string.Equals(property.Name, name, options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
