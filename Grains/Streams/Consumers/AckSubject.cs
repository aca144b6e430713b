namespace Natrium.Grains.Streams.Consumers;

/// The v1 ack subject, the only form 2.9.10 emits (spec/jetstream.md §5.2):
/// `$JS.ACK.<stream>.<consumer>.<delivery count>.<stream seq>.<consumer seq>.<timestamp ns>.<pending>`.
internal static class AckSubject
{
    private const int Tokens = 9;

    /// `$JS.ACK.<stream>.<consumer>.`, built once per consumer.
    public static string Prefix(string stream, string consumer) => "$JS.ACK." + stream + "." + consumer + ".";

    /// One string per delivered message and nothing else allocated.
    public static string Format(string prefix, ulong deliveries, ulong streamSeq, ulong consumerSeq, long timestampNanos, ulong pending)
    {
        Span<char> digits = stackalloc char[5 * 20 + 4];
        var n = 0;
        n += Append(digits[n..], deliveries);
        digits[n++] = '.';
        n += Append(digits[n..], streamSeq);
        digits[n++] = '.';
        n += Append(digits[n..], consumerSeq);
        digits[n++] = '.';
        n += AppendSigned(digits[n..], timestampNanos);
        digits[n++] = '.';
        n += Append(digits[n..], pending);
        return string.Concat(prefix.AsSpan(), digits[..n]);
    }

    /// Length of what Format would return, for max_bytes and flow control sums.
    public static int Length(string prefix, ulong deliveries, ulong streamSeq, ulong consumerSeq, long timestampNanos, ulong pending) =>
        prefix.Length + 4 + Digits(deliveries) + Digits(streamSeq) + Digits(consumerSeq)
        + (timestampNanos < 0 ? 1 + Digits((ulong)-timestampNanos) : Digits((ulong)timestampNanos)) + Digits(pending);

    /// Reads the numbers of a v1 ack subject. False when it has not 9 tokens, does not start
    /// `$JS.ACK`, or a number token is not all digits: nats-server then acts on nothing and
    /// sends no double-ack reply (replyInfo in consumer.go).
    public static bool TryParse(ReadOnlySpan<char> subject, out AckInfo info)
    {
        info = default;
        Span<Range> parts = stackalloc Range[Tokens + 1];
        if (subject.Split(parts, '.') != Tokens || !subject[parts[0]].SequenceEqual("$JS") || !subject[parts[1]].SequenceEqual("ACK"))
        {
            return false;
        }

        if (!TryNumber(subject[parts[4]], out var deliveries) || !TryNumber(subject[parts[5]], out var streamSeq)
            || !TryNumber(subject[parts[6]], out var consumerSeq) || !TryNumber(subject[parts[7]], out var timestamp)
            || !TryNumber(subject[parts[8]], out var pending))
        {
            return false;
        }

        info = new AckInfo(deliveries, streamSeq, consumerSeq, (long)timestamp, pending);
        return streamSeq != 0;
    }

    private static bool TryNumber(ReadOnlySpan<char> token, out ulong value)
    {
        value = 0;
        if (token.IsEmpty || token.Length > 19)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = value * 10 + (ulong)(c - '0');
        }

        return true;
    }

    private static int Append(Span<char> into, ulong value)
    {
        value.TryFormat(into, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }

    private static int AppendSigned(Span<char> into, long value)
    {
        value.TryFormat(into, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }

    private static int Digits(ulong value)
    {
        var n = 1;
        while (value >= 10)
        {
            value /= 10;
            n++;
        }

        return n;
    }
}
