using System.Text.Json;
using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// `src`: an array of CIDRs, or one comma-separated string (Go CIDRList.UnmarshalJSON: the
/// string form is lower-cased, split on commas, trimmed, with empty and repeated entries
/// dropped; the array form is taken as is). Always written as an array.
internal sealed class CidrListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var list = new List<string>();
            foreach (var part in reader.GetString()!.ToLowerInvariant().Split(','))
            {
                var cidr = part.Trim();
                if (cidr.Length > 0 && !list.Contains(cidr))
                {
                    list.Add(cidr);
                }
            }

            return list;
        }

        return JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? [];
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var cidr in value)
        {
            writer.WriteStringValue(cidr);
        }

        writer.WriteEndArray();
    }
}
