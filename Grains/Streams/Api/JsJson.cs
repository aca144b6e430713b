using System.Text.Json;

namespace Natrium.Grains.Streams.Api;

/// Reading JetStream API bodies the way nats-server 2.9.10's Go json.Unmarshal does
/// (spec/jetstream.md §0): field names match case-insensitively (verified: `"NAME"`), unknown
/// fields are ignored (NATS.Net's `action`, `filter_subjects`), `null` leaves a field at its zero
/// value, enums come from their exact strings, and anything malformed (bad syntax, trailing
/// data, an empty body, a wrong type, an unknown enum name) is one answer: `400/10025 invalid JSON`.
/// Writing goes through GoJsonWriter and the *Json writers, never through these options.
internal static class JsJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// Deserializes body into T; false (never an exception) when 2.9.10 would say invalid JSON.
    /// A literal `null` body gives a fresh T, as Go leaves its zero struct untouched.
    public static bool TryRead<T>(ReadOnlySpan<byte> body, out T value)
        where T : class, new()
    {
        value = new T();
        try
        {
            value = JsonSerializer.Deserialize<T>(body, Options) ?? new T();
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException
                                      or OverflowException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// nats-server's isEmptyRequest: no bytes, or JSON that is an object with no members
    /// (`{}`, `{ }`). `null`, whitespace and `[]` are not empty.
    public static bool IsEmptyRequest(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body.SequenceEqual("{}"u8))
        {
            return true;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !reader.Read() || reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            // Trailing bytes other than whitespace make the whole body invalid JSON.
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            Converters =
            {
                GoEnums.Retention, GoEnums.Discard, GoEnums.Storage, GoEnums.Ack, GoEnums.Replay,
                GoEnums.Deliver, new GoInt64Converter(), new GoUInt64Converter(), new GoInt32Converter(),
                new GoBoolConverter(), new GoTimeConverter(),
            },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
