using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Natrium.Grains.Streams.Consumers;

/// Reads a `CONSUMER.MSG.NEXT` body (or what follows `+NXT`) as nextReqFromMsg in consumer.go
/// does (spec/jetstream.md §5.1): trimmed empty = batch 1; `{…}` = JSON with batch, expires,
/// no_wait, max_bytes, idle_heartbeat (keys case-insensitive, others ignored, null = unset);
/// an integer = batch; anything else = batch 1. The error is the text after
/// `400 Bad Request - `.
internal static class PullRequestReader
{
    private const string GoStruct = "JSApiConsumerGetNextRequest";

    public static bool TryRead(ReadOnlySpan<byte> body, out PullRequest request, out string? error)
    {
        request = PullRequest.One;
        error = null;
        var trimmed = body.Trim(" \t\r\n\v\f"u8);
        if (trimmed.IsEmpty)
        {
            return true;
        }

        if (trimmed[0] != (byte)'{')
        {
            if (Utf8Parser.TryParse(trimmed, out long batch, out var used) && used == trimmed.Length)
            {
                request = request with { Batch = (int)Math.Clamp(batch, int.MinValue, int.MaxValue) };
            }

            return true;
        }

        error = GoJsonSyntax.Check(trimmed) ?? Decode(trimmed, out request);
        if (error is null && request.IdleHeartbeatNanos > 0 && request.IdleHeartbeatNanos > request.ExpiresNanos / 2)
        {
            error = "heartbeat value too large";
        }

        if (error is not null)
        {
            request = PullRequest.One;
        }

        return error is null;
    }

    private static string? Decode(ReadOnlySpan<byte> json, out PullRequest request)
    {
        long batch = 0, expires = 0, maxBytes = 0, heartbeat = 0;
        var noWait = false;
        string? error = null;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FieldName(ref reader);
            reader.Read();
            if (reader.TokenType != JsonTokenType.Null)
            {
                // Go reports the first type error but keeps decoding the other fields.
                var fieldError = name switch
                {
                    "batch" => Integer(ref reader, name, "int", ref batch),
                    "expires" => Integer(ref reader, name, "time.Duration", ref expires),
                    "max_bytes" => Integer(ref reader, name, "int", ref maxBytes),
                    "idle_heartbeat" => Integer(ref reader, name, "time.Duration", ref heartbeat),
                    "no_wait" => Boolean(ref reader, name, ref noWait),
                    _ => null,
                };
                error ??= fieldError;
            }

            reader.Skip();
        }

        request = new PullRequest((int)Math.Clamp(batch, int.MinValue, int.MaxValue), expires, noWait, maxBytes, heartbeat);
        return error;
    }

    /// The field a key names; exact keys without allocating, others as Go matches them
    /// (case-insensitively).
    private static string FieldName(ref Utf8JsonReader reader)
    {
        foreach (var field in Fields)
        {
            if (reader.ValueTextEquals(field))
            {
                return field;
            }
        }

        return reader.GetString()!.ToLowerInvariant();
    }

    private static readonly string[] Fields = ["batch", "expires", "no_wait", "max_bytes", "idle_heartbeat"];

    private static string? Integer(ref Utf8JsonReader reader, string field, string goType, ref long value)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            value = number;
            return null;
        }

        var found = reader.TokenType == JsonTokenType.Number ? "number " + Encoding.UTF8.GetString(reader.ValueSpan) : GoKind(reader.TokenType);
        return TypeError(found, field, goType);
    }

    private static string? Boolean(ref Utf8JsonReader reader, string field, ref bool value)
    {
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            value = reader.GetBoolean();
            return null;
        }

        return TypeError(GoKind(reader.TokenType), field, "bool");
    }

    private static string TypeError(string found, string field, string goType) =>
        $"json: cannot unmarshal {found} into Go struct field {GoStruct}.{field} of type {goType}";

    private static string GoKind(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "bool",
        JsonTokenType.StartArray => "array",
        _ => "object",
    };
}
