namespace Natrium.Grains.Streams.Store;

/// One message as a stream holds it: its sequence, the subject it was published to, the raw
/// NATS header block (empty when none) and payload, and when it was stored (Unix nanoseconds).
internal sealed record StoredMessage(ulong Sequence, string Subject, ReadOnlyMemory<byte> Headers, ReadOnlyMemory<byte> Data, long TimestampNanos)
{
    /// Headers and payload, as a client receives them.
    public int Size => Headers.Length + Data.Length;
}
