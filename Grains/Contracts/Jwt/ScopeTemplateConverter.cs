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
        // Serialised as the base type: a UserNats passed here must not add its own fields.
        var node = JsonSerializer.SerializeToNode(value, typeof(UserPermissionLimits), options)!.AsObject();
        var limits = new[] { value.Subs, value.Data, value.Payload };
        for (var i = 0; i < LimitNames.Length; i++)
        {
            node[LimitNames[i]] = limits[i];
        }

        node.WriteTo(writer, options);
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
