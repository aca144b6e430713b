using System.Text.Json;
using System.Text.Json.Serialization;

namespace Natrium.Contracts.Jwt;

/// Go SamplingRate: the string "headers" (any case) is 0, otherwise a number; 0 is written back
/// as "headers".
internal sealed class SamplingRateConverter : JsonConverter<int>
{
    private const string HeadersText = "headers";

    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return string.Equals(reader.GetString(), HeadersText, StringComparison.OrdinalIgnoreCase)
                ? ServiceLatency.Headers
                : throw new JsonException("unknown sampling rate");
        }

        return reader.GetInt32();
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options)
    {
        if (value == ServiceLatency.Headers)
        {
            writer.WriteStringValue(HeadersText);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }
}
