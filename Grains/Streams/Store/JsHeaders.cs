namespace Natrium.Grains.Streams.Store;

/// The JetStream headers of a published header block (`NATS/1.0\r\nKey: value\r\n…\r\n\r\n`),
/// found as 2.9.10's getHeader finds them: the first occurrence of the exact, case-sensitive
/// name, which must start a line and be followed by ':'; leading spaces are skipped and an empty
/// value counts as absent. Copying that rule means `X-Nats-Msg-Id: a` before `Nats-Msg-Id: b`
/// hides b, as on the server (probed on 2.9.10: such a message was stored, not deduplicated).
/// Values are slices of the block; nothing is allocated.
internal readonly ref struct JsHeaders
{
    public ReadOnlySpan<byte> ExpectedStream { get; init; }

    public ReadOnlySpan<byte> MsgId { get; init; }

    public ReadOnlySpan<byte> ExpectedLastSubjectSequence { get; init; }

    public ReadOnlySpan<byte> ExpectedLastSequence { get; init; }

    public ReadOnlySpan<byte> ExpectedLastMsgId { get; init; }

    public ReadOnlySpan<byte> Rollup { get; init; }

    public static JsHeaders Parse(ReadOnlySpan<byte> block)
    {
        // Most header blocks carry no JetStream header at all: one vectorised search decides.
        if (block.IsEmpty || block.IndexOf("Nats-"u8) < 0)
        {
            return default;
        }

        return new JsHeaders
        {
            ExpectedStream = Get(block, "Nats-Expected-Stream"u8),
            MsgId = Get(block, "Nats-Msg-Id"u8),
            ExpectedLastSubjectSequence = Get(block, "Nats-Expected-Last-Subject-Sequence"u8),
            ExpectedLastSequence = Get(block, "Nats-Expected-Last-Sequence"u8),
            ExpectedLastMsgId = Get(block, "Nats-Expected-Last-Msg-Id"u8),
            Rollup = Get(block, "Nats-Rollup"u8),
        };
    }

    public static ReadOnlySpan<byte> Get(ReadOnlySpan<byte> block, ReadOnlySpan<byte> name)
    {
        var index = block.IndexOf(name);
        if (index < 2 || block[index - 1] != '\n' || block[index - 2] != '\r')
        {
            return default;
        }

        index += name.Length;
        if (index >= block.Length || block[index] != ':')
        {
            return default;
        }

        index++;
        while (index < block.Length && block[index] == ' ')
        {
            index++;
        }

        var value = block[index..];
        var end = value.IndexOf("\r\n"u8);
        return end < 0 ? value : value[..end];
    }

    /// A sequence header's value as 2.9.10 reads it: decimal digits only, anything else is -1
    /// (so `Nats-Expected-Last-Sequence: abc` never matches, probed on 2.9.10).
    public static ulong ParseSequence(ReadOnlySpan<byte> value)
    {
        long result = 0;
        foreach (var digit in value)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return ulong.MaxValue;
            }

            result = unchecked((result * 10) + (digit - '0'));
        }

        return unchecked((ulong)result);
    }
}
