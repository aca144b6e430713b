using System.Globalization;
using System.Text;
using System.Text.Json;
using Natrium.Grains.Streams.Consumers;

namespace Natrium.Grains.Streams.Api;

/// Reads a `CONSUMER.MSG.NEXT` body as 2.9.10's nextReqFromMsg (spec/jetstream.md §5.1, §5.3):
/// trimmed empty → batch 1; starting with `{` → JSON `batch, expires, no_wait, max_bytes,
/// idle_heartbeat`; otherwise a bare integer batch, and anything unparsable → batch 1. A bad JSON
/// body or `idle_heartbeat×2 > expires` (also with no expires) is refused with
/// `400 Bad Request - <Go's error text>` (verified on 2.9.10, e.g. `unexpected end of JSON
/// input`, `json: cannot unmarshal string into Go struct field
/// JSApiConsumerGetNextRequest.batch of type int`, `heartbeat value too large`).
/// A batch below 1 acts as 1 (verified for 0); Go's 64-bit batch is capped at int.MaxValue.
internal static class PullRequestParser
{
    private const string GoStruct = "JSApiConsumerGetNextRequest";

    /// The request, or the text after `400 ` for the status (e.g. `Bad Request - …`).
    public static (PullRequest? Request, string? BadRequest) Parse(ReadOnlySpan<byte> body)
    {
        var trimmed = body.Trim(" \t\r\n\v\f"u8);
        if (trimmed.IsEmpty)
        {
            return (PullRequest.One, null);
        }

        if (trimmed[0] != '{')
        {
            bool number = long.TryParse(Encoding.ASCII.GetString(trimmed), NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out long batch);
            return (PullRequest.One with { Batch = number ? Batch(batch) : 1 }, null);
        }

        Fields fields = default;
        string? error = GoJsonSyntax.Check(trimmed);
        if (error is null)
        {
            error = Decode(trimmed, out fields);
        }

        if (error is not null)
        {
            return (null, "Bad Request - " + error);
        }

        if (fields.Heartbeat > 0 && unchecked(fields.Heartbeat * 2) > fields.Expires)
        {
            return (null, "Bad Request - heartbeat value too large");
        }

        return (new PullRequest(Batch(fields.Batch), fields.Expires, fields.NoWait, fields.MaxBytes, fields.Heartbeat), null);
    }

    /// The status header block for a refused request: `NATS/1.0 400 Bad Request - …`.
    public static byte[] StatusHeader(string badRequest) =>
        Encoding.UTF8.GetBytes("NATS/1.0 400 " + badRequest + "\r\n\r\n");

    private static int Batch(long batch) => (int)Math.Clamp(batch, 1, int.MaxValue);

    /// Go's decode of syntactically valid JSON into the request struct: keys match ignoring
    /// case, unknown keys and nulls are skipped, the first type mismatch is the error.
    private static string? Decode(ReadOnlySpan<byte> json, out Fields fields)
    {
        fields = default;
        string? first = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string key = reader.GetString()!.ToLowerInvariant();
                reader.Read();
                string? error = key switch
                {
                    "batch" => Integer(ref reader, key, "int", ref fields.Batch),
                    "expires" => Integer(ref reader, key, "time.Duration", ref fields.Expires),
                    "max_bytes" => Integer(ref reader, key, "int", ref fields.MaxBytes),
                    "idle_heartbeat" => Integer(ref reader, key, "time.Duration", ref fields.Heartbeat),
                    "no_wait" => Boolean(ref reader, key, ref fields.NoWait),
                    _ => null,
                };
                first ??= error;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Go accepts what the reader refuses here (invalid UTF-8 in a string): keep what was read.
        }

        return first;
    }

    private static string? Integer(ref Utf8JsonReader reader, string key, string goType, ref long value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out long number):
                value = number;
                return null;
            case JsonTokenType.Number:
                return Mismatch("number " + Encoding.UTF8.GetString(reader.ValueSpan), key, goType);
            default:
                return Mismatch(Kind(reader.TokenType), key, goType);
        }
    }

    private static string? Boolean(ref Utf8JsonReader reader, string key, ref bool value)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True or JsonTokenType.False:
                value = reader.GetBoolean();
                return null;
            default:
                return Mismatch(Kind(reader.TokenType), key, "bool");
        }
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "bool",
        JsonTokenType.StartArray => "array",
        _ => "object",
    };

    private static string Mismatch(string value, string key, string goType) =>
        $"json: cannot unmarshal {value} into Go struct field {GoStruct}.{key} of type {goType}";

    private struct Fields
    {
        public long Batch;
        public long Expires;
        public bool NoWait;
        public long MaxBytes;
        public long Heartbeat;
    }
}
