using System.Buffers;

namespace Natrium.Gateway.Protocol;

// One method per client op. Convention inside the parser: NeedMoreData with length > 0 means
// "op handled, go on"; with length 0 it means the op is incomplete. Every other status ends the
// pass with length 0 (the buffer stays at the offending op), except Stopped, whose op is consumed.
internal sealed partial class ClientParser
{
    // op = control-line [payload CRLF] (spec/protocol.md §1)
    private ParseStatus ParseOp(in Input input, long start, ReadOnlySpan<byte> rest,
        IClientOpHandler handler, out long length)
    {
        length = 0;
        if (ConnectRequired && !StartsWithC(input, start, rest) && !handler.OnOpBeforeConnect())
        {
            return ParseStatus.Stopped;
        }

        ParseStatus status = ReadLine(input, start, rest, out ReadOnlySpan<byte> line, out int lineLength);
        if (status == ParseStatus.MaxControlLineExceeded)
        {
            return OnLongLine(input, start, out length);
        }

        if (lineLength == 0)
        {
            return status;
        }

        ClientOp op = ClientOpName.Identify(line, out int argStart);
        ReadOnlySpan<byte> args = line.Slice(argStart);
        if (TakesArguments(op) && ArgSplitter.TrimStart(args).Length > maxControlLine)
        {
            return ParseStatus.MaxControlLineExceeded;
        }

        switch (op)
        {
            case ClientOp.Pub:
                return ParsePub(args, input, start, rest, lineLength, handler, out length);
            case ClientOp.HPub:
                return ParseHPub(args, input, start, rest, lineLength, handler, out length);
            case ClientOp.Sub:
                status = ParseSub(args, handler);
                break;
            case ClientOp.Unsub:
                status = ParseUnsub(args, handler);
                break;
            case ClientOp.Connect:
                // CONNECT <json> ; an empty or invalid JSON is the handler's to reject (§4).
                status = Continue(handler.OnConnect(ArgSplitter.TrimStart(args)));
                break;
            case ClientOp.Ping:
                // PING ; the rest of the line is ignored (§1, §8).
                status = Continue(handler.OnPing());
                break;
            case ClientOp.Pong:
                // PONG ; the rest of the line is ignored (§1, §8).
                status = Continue(handler.OnPong());
                break;
            case ClientOp.Info:
                // INFO <json> from a client is ignored once its JSON decodes (§1).
                if (!ClientInfoParser.IsValid(ArgSplitter.TrimStart(args)))
                {
                    return ParseStatus.ProtocolViolation;
                }

                break;
            case ClientOp.Ok:
                // +OK from a client is ignored (§1).
                break;
            case ClientOp.Err:
                // -ERR <text> ; the client gave up on us: close without reply (§1, §9).
                return ParseStatus.ClientError;
            default:
                return ParseStatus.UnknownOperation;
        }

        length = status is ParseStatus.NeedMoreData or ParseStatus.Stopped ? lineLength : 0;
        return status;
    }

    // PUB <subject> [reply-to] <#bytes>\r\n<payload>\r\n (spec/protocol.md §5)
    private ParseStatus ParsePub(ReadOnlySpan<byte> args, in Input input, long start,
        ReadOnlySpan<byte> rest, int lineLength, IClientOpHandler handler, out long length)
    {
        length = 0;
        Span<Range> tokens = stackalloc Range[3];
        int count = ArgSplitter.Split(args, tokens);
        if (count is < 2 or > 3)
        {
            return ParseStatus.ProtocolViolation;
        }

        int size = ProtocolNumber.Parse(args[tokens[count - 1]]);
        if (size < 0)
        {
            return ParseStatus.ProtocolViolation;
        }

        // Decided on the control line, before any payload is buffered (§5).
        if (size > maxPayload)
        {
            return ParseStatus.MaxPayloadExceeded;
        }

        ParseStatus status = ReadPayload(input, start, rest, lineLength, size, out ReadOnlySequence<byte> payload, out long opLength);
        if (opLength == 0)
        {
            return status;
        }

        length = opLength;
        ReadOnlySpan<byte> replyTo = count == 3 ? args[tokens[1]] : default;
        return Continue(handler.OnPub(args[tokens[0]], replyTo, payload));
    }

    // HPUB <subject> [reply-to] <#header bytes> <#total bytes>\r\n<headers><payload>\r\n (spec/protocol.md §5)
    private ParseStatus ParseHPub(ReadOnlySpan<byte> args, in Input input, long start,
        ReadOnlySpan<byte> rest, int lineLength, IClientOpHandler handler, out long length)
    {
        length = 0;
        // nats-server closes a client that did not announce headers without -ERR (§5).
        if (!Headers)
        {
            return ParseStatus.ProtocolViolation;
        }

        Span<Range> tokens = stackalloc Range[4];
        int count = ArgSplitter.Split(args, tokens);
        if (count is < 3 or > 4)
        {
            return ParseStatus.ProtocolViolation;
        }

        int headerSize = ProtocolNumber.Parse(args[tokens[count - 2]]);
        int totalSize = ProtocolNumber.Parse(args[tokens[count - 1]]);
        if (headerSize < 0 || totalSize < 0 || headerSize > totalSize)
        {
            return ParseStatus.ProtocolViolation;
        }

        if (totalSize > maxPayload)
        {
            return ParseStatus.MaxPayloadExceeded;
        }

        ParseStatus status = ReadPayload(input, start, rest, lineLength, totalSize, out ReadOnlySequence<byte> message, out long opLength);
        if (opLength == 0)
        {
            return status;
        }

        length = opLength;
        ReadOnlySpan<byte> replyTo = count == 4 ? args[tokens[1]] : default;
        return Continue(handler.OnHPub(args[tokens[0]], replyTo, headerSize, message));
    }

    // SUB <subject> [queue group] <sid>\r\n (spec/protocol.md §6)
    private static ParseStatus ParseSub(ReadOnlySpan<byte> args, IClientOpHandler handler)
    {
        Span<Range> tokens = stackalloc Range[3];
        return ArgSplitter.Split(args, tokens) switch
        {
            2 => Continue(handler.OnSub(args[tokens[0]], default, args[tokens[1]])),
            3 => Continue(handler.OnSub(args[tokens[0]], args[tokens[1]], args[tokens[2]])),
            _ => ParseStatus.ProtocolViolation,
        };
    }

    // UNSUB <sid> [max_msgs]\r\n (spec/protocol.md §6). A max that is not a number (`x`, `-1`,
    // ten digits or more) is -1 to nats-server, which then unsubscribes at once: so does this.
    private static ParseStatus ParseUnsub(ReadOnlySpan<byte> args, IClientOpHandler handler)
    {
        Span<Range> tokens = stackalloc Range[2];
        return ArgSplitter.Split(args, tokens) switch
        {
            1 => Continue(handler.OnUnsub(args[tokens[0]], -1)),
            2 => Continue(handler.OnUnsub(args[tokens[0]], ProtocolNumber.Parse(args[tokens[1]]))),
            _ => ParseStatus.ProtocolViolation,
        };
    }

    // A line longer than the limit and the slack. nats-server fails an unknown op at its name,
    // before any limit; it reads PING, PONG and +OK to the LF without keeping the bytes (so
    // does this: their first byte is consumed here and SkipLine drops the rest); every other
    // op has arguments, and those are too long.
    private ParseStatus OnLongLine(in Input input, long start, out long length)
    {
        length = 0;
        Span<byte> name = stackalloc byte[8];
        ReadOnlySequence<byte> head = input.All.Slice(start);
        head = head.Slice(0, Math.Min(head.Length, name.Length));
        head.CopyTo(name);
        ClientOp op = ClientOpName.Identify(name.Slice(0, (int)head.Length), out _);
        switch (op)
        {
            case ClientOp.Unknown:
                return ParseStatus.UnknownOperation;
            case ClientOp.Ping or ClientOp.Pong or ClientOp.Ok:
                skipping = op;
                length = 1;
                return ParseStatus.NeedMoreData;
            default:
                return ParseStatus.MaxControlLineExceeded;
        }
    }

    // The rest of an over-long PING, PONG or +OK line: dropped up to its LF, where the op acts.
    private ParseStatus SkipLine(in ReadOnlySequence<byte> unread, IClientOpHandler handler, out long length)
    {
        SequencePosition? nl = unread.PositionOf((byte)'\n');
        if (nl is null)
        {
            length = unread.Length;
            return ParseStatus.NeedMoreData;
        }

        length = unread.Slice(0, nl.Value).Length + 1;
        ClientOp op = skipping;
        skipping = ClientOp.Unknown;
        return op switch
        {
            ClientOp.Ping => Continue(handler.OnPing()),
            ClientOp.Pong => Continue(handler.OnPong()),
            _ => ParseStatus.NeedMoreData,
        };
    }

    // The ops whose arguments nats-server holds in a buffer and checks against max_control_line.
    private static bool TakesArguments(ClientOp op) =>
        op is ClientOp.Pub or ClientOp.HPub or ClientOp.Sub or ClientOp.Unsub or ClientOp.Connect or ClientOp.Info or ClientOp.Err;

    private static bool StartsWithC(in Input input, long start, ReadOnlySpan<byte> rest)
    {
        if (!rest.IsEmpty)
        {
            return rest[0] is (byte)'C' or (byte)'c';
        }

        // The op starts past the first segment (whose tail may be empty).
        foreach (ReadOnlyMemory<byte> segment in input.All.Slice(start))
        {
            if (!segment.IsEmpty)
            {
                return segment.Span[0] is (byte)'C' or (byte)'c';
            }
        }

        return true; // no byte yet: nothing to decide

    }

    private static ParseStatus Continue(bool keepReading) =>
        keepReading ? ParseStatus.NeedMoreData : ParseStatus.Stopped;
}
