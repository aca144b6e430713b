using System.Buffers;

namespace Natrium.Gateway.Protocol;

// Client → server protocol parser (spec/protocol.md §1, §4–§6, §8, §9), one per connection.
// It keeps no state between reads except its limits and a scratch buffer: an op that is not
// complete is left unconsumed and parsed again, whole, once more bytes arrive.
//
// Use with a PipeReader:
//     ReadResult read = await reader.ReadAsync(ct);
//     ReadOnlySequence<byte> buffer = read.Buffer;
//     ParseStatus status = parser.Parse(ref buffer, handler);
//     reader.AdvanceTo(buffer.Start, read.Buffer.End);
//     if (status != ParseStatus.NeedMoreData) → close as the status says.
// The pipe's pause threshold must exceed MaxPayload + MaxControlLine + OpNameSlack + 4, or a
// large PUB can never be completed.
internal sealed partial class ClientParser
{
    public const int DefaultMaxControlLine = 4096;
    public const int DefaultMaxPayload = 1048576;

    // nats-server counts only an op's arguments against max_control_line, not its name and
    // the whitespace after it; a line may be this much longer than the limit before it is
    // refused without looking at it (after a longer run of whitespace it is refused anyway,
    // where nats-server would skip any amount: README, Bad input).
    public const int OpNameSlack = 16;

    // Holds a control line that straddles segments; allocated on first use, at most
    // MaxControlLine + OpNameSlack bytes, and reused for the life of the connection.
    private byte[]? scratch;
    private int maxControlLine = DefaultMaxControlLine;
    private int maxPayload = DefaultMaxPayload;

    // PING, PONG or +OK whose line went over the limit: nats-server reads such a line to its
    // LF without keeping it, so the bytes are dropped as they come and the op acts at the LF.
    private ClientOp skipping = ClientOp.Unknown;

    // Longest control line without its CRLF (CONNECT JSON included). Read on every op, so a
    // handler may change it (e.g. after CONNECT) and the next op in the same buffer obeys it.
    public int MaxControlLine
    {
        get => maxControlLine;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            maxControlLine = value;
        }
    }

    // Largest PUB payload, or HPUB headers + payload. Read on every op.
    public int MaxPayload
    {
        get => maxPayload;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            maxPayload = value;
        }
    }

    // Authentication is required and has not happened: an op that does not start with C/c is
    // refused at its first byte, before its line or payload is buffered (nats-server parser.go
    // checks the same at OP_START). The handler decides through OnOpBeforeConnect.
    public bool ConnectRequired { get; set; }

    // The client sent CONNECT with "headers":true; without it HPUB is a protocol violation.
    public bool Headers { get; set; }

    // stream = *op ; handles every complete op at the start of buffer and slices buffer to the
    // first byte not consumed: the incomplete op on NeedMoreData, the offending op on an error,
    // the op after the one whose handler said stop on Stopped.
    public ParseStatus Parse(ref ReadOnlySequence<byte> buffer, IClientOpHandler handler)
    {
        ReadOnlySequence<byte> unread = buffer;
        ReadOnlySpan<byte> first = unread.FirstSpan;
        Input input = new(unread, first.Length);
        long end = unread.Length;
        long pos = 0;
        ParseStatus status = ParseStatus.NeedMoreData;
        while (pos < end)
        {
            long length;
            if (skipping != ClientOp.Unknown)
            {
                status = SkipLine(input.All.Slice(pos), handler, out length);
            }
            else
            {
                // Fast path: the op lies in the first segment and is parsed from a span.
                ReadOnlySpan<byte> rest = pos < first.Length ? first.Slice((int)pos) : default;
                status = ParseOp(input, pos, rest, handler, out length);
            }

            pos += length;
            if (status != ParseStatus.NeedMoreData || length == 0)
            {
                break;
            }

            if (pos >= first.Length && pos < end)
            {
                // The op ended past the first segment: re-base so the next op gets a span again.
                unread = unread.Slice(pos);
                first = unread.FirstSpan;
                input = new(unread, first.Length);
                end -= pos;
                pos = 0;
            }
        }

        buffer = unread.Slice(pos);
        return status;
    }

    // control-line = content [CR] LF ; content ≤ MaxControlLine + OpNameSlack bytes (spec/protocol.md
    // §1, §14; the op then checks its arguments against MaxControlLine). On success lineLength
    // counts the terminator and line excludes it. lineLength is 0 when the line is incomplete
    // (NeedMoreData) or too long; the limit is also enforced on an incomplete line, so a client
    // cannot make us buffer an endless line.
    private ParseStatus ReadLine(in Input input, long start, ReadOnlySpan<byte> rest,
        out ReadOnlySpan<byte> line, out int lineLength)
    {
        int max = maxControlLine + OpNameSlack;
        // content + CR + LF: a window this long with no LF proves the content is too long.
        long window = (long)max + 2;
        int nl = rest.Slice(0, (int)Math.Min(rest.Length, window)).IndexOf((byte)'\n');
        if (nl < 0)
        {
            line = default;
            lineLength = 0;
            if (rest.Length >= window)
            {
                return ParseStatus.MaxControlLineExceeded;
            }

            return input.All.Length - start > rest.Length
                ? ReadSplitLine(input.All.Slice(start), max, out line, out lineLength)
                : ParseStatus.NeedMoreData;
        }

        lineLength = nl + 1;
        line = nl > 0 && rest[nl - 1] == '\r' ? rest.Slice(0, nl - 1) : rest.Slice(0, nl);
        if (line.Length > max)
        {
            lineLength = 0;
            return ParseStatus.MaxControlLineExceeded;
        }

        return ParseStatus.NeedMoreData;
    }

    // Slow path of ReadLine for a line that straddles segments: it is copied into scratch.
    private ParseStatus ReadSplitLine(ReadOnlySequence<byte> tail, int max,
        out ReadOnlySpan<byte> line, out int lineLength)
    {
        line = default;
        lineLength = 0;
        ReadOnlySequence<byte> window = tail.Slice(0, Math.Min(tail.Length, (long)max + 2));
        SequencePosition? nl = window.PositionOf((byte)'\n');
        if (nl is null)
        {
            return window.Length > (long)max + 1 ? ParseStatus.MaxControlLineExceeded : ParseStatus.NeedMoreData;
        }

        ReadOnlySequence<byte> content = window.Slice(0, nl.Value);
        long terminated = content.Length + 1;
        if (!content.IsEmpty && content.Slice(content.Length - 1).FirstSpan[0] == '\r')
        {
            content = content.Slice(0, content.Length - 1);
        }

        if (content.Length > max)
        {
            return ParseStatus.MaxControlLineExceeded;
        }
        if (scratch is null || scratch.Length < content.Length)
        {
            scratch = new byte[max];
        }


        content.CopyTo(scratch);
        line = scratch.AsSpan(0, (int)content.Length);
        lineLength = (int)terminated;
        return ParseStatus.NeedMoreData;
    }

    // payload = size OCTET CRLF ; any other two bytes after the payload are an unknown op
    // (spec/protocol.md §1). On success length is the whole op (line + payload + CRLF) and
    // payload is a slice of the input; length is 0 while the payload is incomplete.
    private static ParseStatus ReadPayload(in Input input, long start, ReadOnlySpan<byte> rest,
        int lineLength, int size, out ReadOnlySequence<byte> payload, out long length)
    {
        payload = default;
        length = 0;
        long total = (long)lineLength + size + 2;
        if (rest.Length >= total)
        {
            int trailer = lineLength + size;
            if (rest[trailer] != '\r' || rest[trailer + 1] != '\n')
            {
                return ParseStatus.UnknownOperation;
            }

            payload = input.Head.Slice(start + lineLength, size);
            length = total;
            return ParseStatus.NeedMoreData;
        }

        // Look at whatever part of the CRLF has arrived, so a bad byte is reported at once.
        long after = input.All.Length - start - lineLength - size;
        if (after <= 0)
        {
            return ParseStatus.NeedMoreData;
        }

        Span<byte> crlf = stackalloc byte[2];
        int have = (int)Math.Min(after, 2);
        input.All.Slice(start + lineLength + size, have).CopyTo(crlf);
        if (crlf[0] != '\r' || (have == 2 && crlf[1] != '\n'))
        {
            return ParseStatus.UnknownOperation;
        }

        if (have < 2)
        {
            return ParseStatus.NeedMoreData;
        }

        payload = input.All.Slice(start + lineLength, size);
        length = total;
        return ParseStatus.NeedMoreData;
    }

    // The unconsumed input and, apart, its first segment: slicing a single-segment sequence is
    // much cheaper, and a slice of Head is still a slice of the receive buffer (same segment).
    private readonly struct Input(ReadOnlySequence<byte> all, int headLength)
    {
        public readonly ReadOnlySequence<byte> All = all;
        public readonly ReadOnlySequence<byte> Head = all.Slice(0, headLength);
    }
}
