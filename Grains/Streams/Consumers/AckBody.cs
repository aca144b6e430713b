using Natrium.Contracts.Text;
using System.Text.Json;

namespace Natrium.Grains.Streams.Consumers;

/// Classifies an ack's payload the way processAck in consumer.go does: exact `+ACK`, `+OK`,
/// `+WPI`; prefixes `-NAK` and `+NXT`. `+TERM <reason>` is 2.10's form (2.9.10 ignored it,
/// seen on the wire); we accept it since NATS.Net may send a reason.
internal static class AckBody
{
    public static AckKind Classify(ReadOnlySpan<byte> body) => body switch
    {
        [] => AckKind.Ack,
        _ when body.SequenceEqual("+ACK"u8) || body.SequenceEqual("+OK"u8) => AckKind.Ack,
        _ when body.StartsWith("+NXT"u8) => AckKind.Next,
        _ when body.StartsWith("-NAK"u8) => AckKind.Nak,
        _ when body.SequenceEqual("+WPI"u8) => AckKind.Progress,
        _ when body.SequenceEqual("+TERM"u8) || body.StartsWith("+TERM "u8) => AckKind.Term,
        _ => AckKind.Ignored,
    };

    /// The pull request after `+NXT` (empty = batch 1).
    public static ReadOnlySpan<byte> NextArgument(ReadOnlySpan<byte> body) => body["+NXT"u8.Length..];

    /// The delay after `-NAK`: `{"delay":<ns>}` or a Go duration (`-NAK 1s`). Null when there is
    /// none or it cannot be read; nats-server then treats it as a plain NAK.
    public static long? NakDelay(ReadOnlySpan<byte> body)
    {
        var argument = body["-NAK"u8.Length..].Trim((byte)' ');
        if (argument.IsEmpty)
        {
            return null;
        }

        return argument[0] == (byte)'{' ? JsonDelay(argument) : GoDurationParser.TryParse(argument, out var nanos) ? nanos : null;
    }

    private static long? JsonDelay(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            long? delay = 0;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isDelay = reader.ValueTextEquals("delay"u8);
                reader.Read();
                if (isDelay)
                {
                    delay = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;
                }

                reader.Skip();
            }

            return delay;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
