using System.Text.Json;

namespace Natrium.Grains.Streams.Consumers;

/// The consumer advisories of spec/jetstream.md §8, with the field order 2.9.10 writes (seen on
/// the wire): `type, id, timestamp, stream, consumer, [consumer_seq,] stream_seq, deliveries`.
internal static class Advisories
{
    private const string Prefix = "$JS.EVENT.ADVISORY.CONSUMER.";
    private const string IdAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static PublishAdvisory Nak(string stream, string consumer, ulong consumerSeq, ulong streamSeq, ulong deliveries, long now) =>
        Build("MSG_NAKED", "io.nats.jetstream.advisory.v1.nak", stream, consumer, consumerSeq, streamSeq, deliveries, now);

    public static PublishAdvisory Terminated(string stream, string consumer, ulong consumerSeq, ulong streamSeq, ulong deliveries, long now) =>
        Build("MSG_TERMINATED", "io.nats.jetstream.advisory.v1.terminated", stream, consumer, consumerSeq, streamSeq, deliveries, now);

    /// No consumer_seq: the message is dropped before it gets a new one.
    public static PublishAdvisory MaxDeliveries(string stream, string consumer, ulong streamSeq, ulong deliveries, long now) =>
        Build("MAX_DELIVERIES", "io.nats.jetstream.advisory.v1.max_deliver", stream, consumer, null, streamSeq, deliveries, now);

    private static PublishAdvisory Build(string kind, string type, string stream, string consumer, ulong? consumerSeq, ulong streamSeq, ulong deliveries, long now)
    {
        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type"u8, type);
            json.WriteString("id"u8, NewId());
            json.WriteString("timestamp"u8, GoTime.FormatRfc3339Nano(now));
            json.WriteString("stream"u8, stream);
            json.WriteString("consumer"u8, consumer);
            if (consumerSeq is { } seq)
            {
                json.WriteNumber("consumer_seq"u8, seq);
            }

            json.WriteNumber("stream_seq"u8, streamSeq);
            json.WriteNumber("deliveries"u8, deliveries);
            json.WriteEndObject();
        }

        return new PublishAdvisory(Prefix + kind + "." + stream + "." + consumer, buffer.ToArray());
    }

    /// 22 base-62 characters, the shape of nats-server's NUID event ids; only uniqueness matters.
    private static string NewId() => string.Create(22, 0, static (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = IdAlphabet[Random.Shared.Next(IdAlphabet.Length)];
        }
    });
}
