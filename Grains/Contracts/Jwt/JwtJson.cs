using System.Collections;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Natrium.Contracts.Jwt;

/// The one System.Text.Json configuration for claims, reproducing what Go's encoding/json does
/// with the nats-io/jwt v2 struct tags:
/// - `omitempty` everywhere: null, "", 0, false and empty lists/maps are not written. A property
///   Go writes without omitempty carries [JsonIgnore(Condition = Never)] instead.
/// - JSON null on input leaves the property at its default (Go treats null as absent).
/// - Property names match case-insensitively on input and unknown fields are skipped (Go does both).
internal static class JwtJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            // The payload is base64url inside a token, never embedded in HTML: escaping '<' or
            // non-ASCII letters would only make names unreadable in decoded tokens.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ApplyGoSemantics } },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void ApplyGoSemantics(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (!IsAlwaysWritten(property))
            {
                property.ShouldSerialize = static (_, value) => !IsEmpty(value);
            }

            if (property.Set is { } set && !property.PropertyType.IsValueType)
            {
                property.Set = (target, value) =>
                {
                    if (value is not null)
                    {
                        set(target, value);
                    }
                };
            }
        }
    }

    private static bool IsAlwaysWritten(JsonPropertyInfo property) =>
        property.AttributeProvider is MemberInfo member &&
        member.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Never };

    /// Go's omitempty test: false, 0, a nil pointer, or an empty string, slice or map.
    internal static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        bool flag => !flag,
        int number => number == 0,
        long number => number == 0,
        uint number => number == 0,
        ulong number => number == 0,
        byte number => number == 0,
        Enum member => Convert.ToInt64(member, System.Globalization.CultureInfo.InvariantCulture) == 0,
        ICollection collection => collection.Count == 0,
        _ => false,
    };
}
