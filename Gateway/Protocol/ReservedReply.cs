namespace Natrium.Gateway.Protocol;

/// Reply subjects a client may not use because the server relies on them: cross-account
/// service replies, JetStream acks and gateway replies (spec/protocol.md §5). Only a subject
/// longer than the prefix counts, as in nats-server.
internal static class ReservedReply
{
    public static bool IsReserved(ReadOnlySpan<byte> reply) =>
        HasPrefix(reply, "_R_."u8) || HasPrefix(reply, "$JS.ACK."u8) || HasPrefix(reply, "$GNR."u8);

    private static bool HasPrefix(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> prefix) =>
        reply.Length > prefix.Length && reply.StartsWith(prefix);
}
