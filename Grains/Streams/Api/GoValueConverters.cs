using System.Text.Json;
using System.Text.Json.Serialization;

namespace Natrium.Grains.Streams.Api;

// Go's json.Unmarshal leaves a field untouched when its value is `null` (verified on 2.9.10:
// `"max_msgs":null` creates the stream), whereas System.Text.Json refuses null for a value type.
// These converters read null as the zero value and are otherwise strict like Go: no quoted
// numbers, no fractions or exponents for integers, no numbers for booleans.

internal sealed class GoInt64Converter : JsonConverter<long>
{
    public override bool HandleNull => true;

    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? 0 : reader.GetInt64();

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}

internal sealed class GoUInt64Converter : JsonConverter<ulong>
{
    public override bool HandleNull => true;

    public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? 0 : reader.GetUInt64();

    public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}

internal sealed class GoInt32Converter : JsonConverter<int>
{
    public override bool HandleNull => true;

    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? 0 : reader.GetInt32();

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);
}

internal sealed class GoBoolConverter : JsonConverter<bool>
{
    public override bool HandleNull => true;

    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType != JsonTokenType.Null && reader.GetBoolean();

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) =>
        writer.WriteBooleanValue(value);
}

/// opt_start_time: Go's RFC 3339 parse on input (anything else is invalid JSON, verified on
/// 2.9.10 with a space instead of `T`), Go's format with the original offset on output.
internal sealed class GoTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && JsTime.TryParseRfc3339(reader.GetString()!, out var time))
        {
            return time;
        }

        throw new JsonException("time is not RFC 3339");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(JsTime.Format(value));
}
